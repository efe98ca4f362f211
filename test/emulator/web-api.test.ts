import { WebAPIRequestError, type WebClient } from '@slack/web-api';
import {
  ADMIN_ID,
  ADMIN_TOKEN,
  ALICE_ID,
  APP_TOKEN,
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  CAROL_ID,
  ENTERPRISE_ID,
  GENERAL_CHANNEL_ID,
  PRIVATE_CHANNEL_ID,
  RANDOM_CHANNEL_ID,
  SECOND_TEAM_ID,
  SECOPS_USERGROUP_ID,
  SlackEmulator,
  TEAM_ID,
} from './index';
import { clientFor, platformError } from './web-client';

let emulator: SlackEmulator;
let bot: WebClient;

beforeAll(async () => {
  emulator = await SlackEmulator.start();
  bot = clientFor(emulator, BOT_TOKEN);
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  emulator.reset();
});

describe('auth.test', () => {
  test('bot token identity', async () => {
    const result = await bot.auth.test();
    expect(result).toMatchObject({
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
      team_id: TEAM_ID,
      enterprise_id: ENTERPRISE_ID,
    });
    expect(result.is_enterprise_install).toBe(false);
  });

  test('admin token identity', async () => {
    const result = await clientFor(emulator, ADMIN_TOKEN).auth.test();
    expect(result.user_id).toBe(ADMIN_ID);
    expect(result.bot_id).toBeUndefined();
    expect(result.is_enterprise_install).toBe(true);
  });

  test('scope headers reach the client', async () => {
    const result = await bot.users.info({ user: ALICE_ID });
    expect(result.response_metadata?.scopes).toContain('users:read');
    expect(result.response_metadata?.acceptedScopes).toEqual(['users:read']);
  });
});

describe('apps.connections.open', () => {
  test('app token gets a URL', async () => {
    const result = await clientFor(emulator, APP_TOKEN).apps.connections.open({});
    expect(result.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
  });

  test('unknown app token is invalid_auth', async () => {
    const body = await platformError(clientFor(emulator, 'xapp-unknown').apps.connections.open({}));
    expect(body.error).toBe('invalid_auth');
  });

  test('bot token is not allowed', async () => {
    const body = await platformError(bot.apps.connections.open({}));
    expect(body.error).toBe('not_allowed_token_type');
  });
});

describe('users', () => {
  test('users.info shape', async () => {
    const { user } = await bot.users.info({ user: CAROL_ID });
    expect(user).toMatchObject({
      id: CAROL_ID,
      team_id: TEAM_ID,
      name: 'carol',
      is_bot: false,
      is_admin: false,
      deleted: false,
      profile: { email: 'carol@example.com', real_name: 'Carol Cooper' },
      enterprise_user: { id: CAROL_ID, enterprise_id: ENTERPRISE_ID, teams: [TEAM_ID, SECOND_TEAM_ID] },
    });
  });

  test('users.info hides email without scope', async () => {
    emulator.addToken({
      token: 'xoxb-no-email',
      type: 'bot',
      userId: BOT_USER_ID,
      teamId: TEAM_ID,
      scopes: ['users:read'],
    });
    const { user } = await clientFor(emulator, 'xoxb-no-email').users.info({ user: ALICE_ID });
    expect(user?.profile?.email).toBeUndefined();
  });

  test('users.info unknown user', async () => {
    expect((await platformError(bot.users.info({ user: 'W0NOBODY' }))).error).toBe('user_not_found');
  });

  test('lookupByEmail ignores case', async () => {
    const { user } = await bot.users.lookupByEmail({ email: 'Alice@Example.com' });
    expect(user?.id).toBe(ALICE_ID);
  });

  test('lookupByEmail unknown email', async () => {
    const data = await platformError(bot.users.lookupByEmail({ email: 'nobody@example.com' }));
    expect(data.error).toBe('users_not_found');
  });

  test('usergroup members', async () => {
    const result = await bot.usergroups.users.list({ usergroup: SECOPS_USERGROUP_ID });
    expect(result.users).toEqual([ADMIN_ID]);
  });

  test('usergroup unknown', async () => {
    const data = await platformError(bot.usergroups.users.list({ usergroup: 'S0NOPE' }));
    expect(data.error).toBe('no_such_subteam');
  });

  test('generated users are findable', async () => {
    const ids = emulator.addGeneratedUsers(2000);
    const { user } = await bot.users.lookupByEmail({ email: 'gen2000@example.com' });
    expect(user?.id).toBe(ids[1999]);
    expect(emulator.addGeneratedUsers(1)).toEqual(['W0GEN002001']);
  });
});

describe('chat', () => {
  test('postMessage to a user opens a DM', async () => {
    const result = await bot.chat.postMessage({ channel: ALICE_ID, text: 'Your sessions were reset.' });
    expect(result.channel).toBe('D0ALICE');
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    expect(result.message?.text).toBe('Your sessions were reset.');
  });

  test('postMessage to the DM id', async () => {
    emulator.addToken({
      token: 'xoxb-im-write',
      type: 'bot',
      userId: BOT_USER_ID,
      teamId: TEAM_ID,
      scopes: ['chat:write', 'im:write'],
    });
    const client = clientFor(emulator, 'xoxb-im-write');
    const opened = await client.conversations.open({ users: ALICE_ID });
    const result = await client.chat.postMessage({ channel: opened.channel?.id ?? '', text: 'hi' });
    expect(result.channel).toBe('D0ALICE');
  });

  test('conversations.open needs im:write, which the app does not request', async () => {
    expect((await platformError(bot.conversations.open({ users: ALICE_ID }))).error).toBe('missing_scope');
  });

  test.each([
    ['unknown channel', 'C0NOPE', 'channel_not_found'],
    ['unknown user', 'W0NOBODY', 'channel_not_found'],
    ['private channel without bot', PRIVATE_CHANNEL_ID, 'channel_not_found'],
    ['public channel without bot', RANDOM_CHANNEL_ID, 'not_in_channel'],
  ])('postMessage to %s', async (_label, channel, expected) => {
    expect((await platformError(bot.chat.postMessage({ channel, text: 'hi' }))).error).toBe(expected);
  });

  test('postMessage without content', async () => {
    const data = await platformError(bot.apiCall('chat.postMessage', { channel: GENERAL_CHANNEL_ID }));
    expect(data.error).toBe('no_text');
  });

  test('postMessage with 51 blocks', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    const data = await platformError(
      bot.chat.postMessage({ channel: GENERAL_CHANNEL_ID, text: 'x', blocks }),
    );
    expect(data.error).toBe('invalid_blocks');
  });

  test('postMessage with duplicate block ids', async () => {
    const blocks = [
      { type: 'divider' as const, block_id: 'same' },
      { type: 'divider' as const, block_id: 'same' },
    ];
    const data = await platformError(
      bot.chat.postMessage({ channel: GENERAL_CHANNEL_ID, text: 'x', blocks }),
    );
    expect(data.error).toBe('invalid_blocks');
  });

  test('postMessage rejects user token', async () => {
    const admin = clientFor(emulator, ADMIN_TOKEN);
    const data = await platformError(admin.chat.postMessage({ channel: GENERAL_CHANNEL_ID, text: 'x' }));
    expect(data.error).toBe('not_allowed_token_type');
  });

  test('postEphemeral in bot channel', async () => {
    const result = await bot.chat.postEphemeral({
      channel: GENERAL_CHANNEL_ID,
      user: ADMIN_ID,
      text: 'Only you',
    });
    expect(result.message_ts).toBeTruthy();
  });

  test('postEphemeral where bot is absent', async () => {
    const call = bot.chat.postEphemeral({ channel: RANDOM_CHANNEL_ID, user: ADMIN_ID, text: 'x' });
    expect((await platformError(call)).error).toBe('not_in_channel');
  });
});

describe('emulator', () => {
  test('unknown method', async () => {
    expect((await platformError(bot.apiCall('admin.users.list', {}))).error).toBe('unknown_method');
  });

  test('response URL posts recorded', async () => {
    const url = emulator.createResponseUrl();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'Done' }),
    });
    expect(response.status).toBe(200);
    expect(emulator.responseUrlPosts).toHaveLength(1);
    expect(emulator.responseUrlPosts[0]?.body).toEqual({ response_type: 'ephemeral', text: 'Done' });
    expect(url).toBe(`${emulator.baseUrl}/response/${emulator.responseUrlPosts[0]?.id}`);
  });

  test('unknown response URL 404', async () => {
    const response = await fetch(`${emulator.baseUrl}/response/R404`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  });

  test('malformed JSON body', async () => {
    const response = await fetch(`${emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(await response.json()).toEqual({ ok: false, error: 'invalid_form_data' });
  });

  test('waitFor resolves', async () => {
    setTimeout(() => void bot.auth.test(), 20);
    await emulator.waitFor(() => emulator.callsTo('auth.test').length === 1);
    expect(emulator.calls).toHaveLength(1);
  });

  test('waitFor timeout message', async () => {
    await bot.auth.test();
    await expect(emulator.waitFor(() => false, 30)).rejects.toThrow(
      'waitFor timed out after 30 ms. Calls recorded so far: auth.test.',
    );
  });

  test('reset restores fixture', async () => {
    await clientFor(emulator, ADMIN_TOKEN).admin.users.session.reset({ user_id: ALICE_ID });
    emulator.fault('*', { error: 'fatal_error' });
    emulator.reset();
    expect(emulator.calls).toHaveLength(0);
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
    expect((await bot.auth.test()).ok).toBe(true);
  });

  test('stop cancels delayed responses', async () => {
    const other = await SlackEmulator.start();
    let arrived = false;
    const markArrived = () => {
      arrived = true;
      return true;
    };
    other.fault('auth.test', { delayMs: 60_000, match: markArrived });
    const pending = clientFor(other, BOT_TOKEN).auth.test();
    await other.waitFor(() => arrived);
    await other.stop();
    await expect(pending).rejects.toBeInstanceOf(WebAPIRequestError);
  });
});
