import type { WebClient } from '@slack/web-api';
import {
  ADMIN_ID,
  ADMIN_TOKEN,
  ALICE_ID,
  APP_TOKEN,
  BOB_ID,
  BOT_ACCOUNT_ID,
  BOT_TOKEN,
  CAROL_ID,
  DELETED_ID,
  ENTERPRISE_ID,
  NON_ADMIN_TOKEN,
  OWNER_ID,
  OWNER_TOKEN,
  READONLY_ADMIN_TOKEN,
  REVOKED_TOKEN,
  SECOND_TEAM_ID,
  SlackEmulator,
  TEAM_ID,
} from './index';
import { clientFor, platformError } from './web-client';

let emulator: SlackEmulator;
let admin: WebClient;

beforeAll(async () => {
  emulator = await SlackEmulator.start();
  admin = clientFor(emulator, ADMIN_TOKEN);
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  emulator.reset();
});

function kindsOf(userId: string): string[] {
  return emulator
    .sessionsOf(userId)
    .map((session) => session.kind)
    .sort();
}

describe('token checks', () => {
  test.each([
    ['bot token', BOT_TOKEN, 'not_allowed_token_type'],
    ['app token', APP_TOKEN, 'not_allowed_token_type'],
    ['unknown token', 'xoxp-unknown', 'invalid_auth'],
    ['revoked token', REVOKED_TOKEN, 'token_revoked'],
    ['member token', NON_ADMIN_TOKEN, 'not_an_admin'],
  ])('reset with %s', async (_label, token, expected) => {
    const data = await platformError(
      clientFor(emulator, token).admin.users.session.reset({ user_id: ALICE_ID }),
    );
    expect(data.error).toBe(expected);
    expect(kindsOf(ALICE_ID)).toEqual(['mobile', 'web']);
  });

  test('reset without token', async () => {
    const data = await platformError(clientFor(emulator).admin.users.session.reset({ user_id: ALICE_ID }));
    expect(data.error).toBe('not_authed');
  });

  test('read-only admin missing_scope', async () => {
    const client = clientFor(emulator, READONLY_ADMIN_TOKEN);
    const data = await platformError(client.admin.users.session.reset({ user_id: ALICE_ID }));
    expect(data.error).toBe('missing_scope');
    expect(data.needed).toBe('admin.users:write');
    expect(data.provided).toBe('admin.users:read');
  });

  test('read-only admin can list', async () => {
    const result = await clientFor(emulator, READONLY_ADMIN_TOKEN).admin.users.session.list();
    expect(result.ok).toBe(true);
  });

  test('call recorded with token type', async () => {
    await admin.admin.users.session.reset({ user_id: ALICE_ID });
    const [call] = emulator.callsTo('admin.users.session.reset');
    expect(call?.token).toBe(ADMIN_TOKEN);
    expect(call?.tokenType).toBe('user');
    expect(call?.args).toEqual({ user_id: ALICE_ID });
    expect(call?.status).toBe(200);
  });
});

describe('admin.users.session.reset', () => {
  test.each([
    ['no flag', {}, []],
    ['mobile_only', { mobile_only: true }, ['web']],
    ['web_only', { web_only: true }, ['mobile']],
  ])('reset with %s', async (_label, flags, remaining) => {
    await admin.admin.users.session.reset({ user_id: ALICE_ID, ...flags });
    expect(kindsOf(ALICE_ID)).toEqual(remaining);
    expect(kindsOf(BOB_ID)).toEqual(['mobile', 'web']);
  });

  test.each(['true', '1'])('reset flag as string %s', async (flag) => {
    await admin.apiCall('admin.users.session.reset', { user_id: CAROL_ID, web_only: flag });
    expect(kindsOf(CAROL_ID)).toEqual(['mobile', 'mobile']);
  });

  test('reset both flags rejected', async () => {
    const call = admin.admin.users.session.reset({ user_id: ALICE_ID, mobile_only: true, web_only: true });
    const data = await platformError(call);
    expect(data.error).toBe('invalid_arguments');
    expect(kindsOf(ALICE_ID)).toEqual(['mobile', 'web']);
  });

  test('reset invalid flag rejected', async () => {
    const data = await platformError(
      admin.apiCall('admin.users.session.reset', { user_id: ALICE_ID, web_only: 'yes' }),
    );
    expect(data.error).toBe('invalid_arguments');
  });

  test.each([
    ['bot user', BOT_ACCOUNT_ID, 'cannot_reset_bot'],
    ['primary owner', OWNER_ID, 'cannot_reset_primary_owner'],
    ['unknown user', 'W0NOBODY', 'user_not_found'],
  ])('reset %s rejected', async (_label, userId, expected) => {
    const data = await platformError(admin.admin.users.session.reset({ user_id: userId }));
    expect(data.error).toBe(expected);
  });

  test('primary owner resets self', async () => {
    await clientFor(emulator, OWNER_TOKEN).admin.users.session.reset({ user_id: OWNER_ID });
    expect(kindsOf(OWNER_ID)).toEqual([]);
  });

  test('failUser scripts one user', async () => {
    emulator.failUser(ALICE_ID, 'admin.users.session.reset', 'user_session_reset_failed');
    const data = await platformError(admin.admin.users.session.reset({ user_id: ALICE_ID }));
    expect(data.error).toBe('user_session_reset_failed');
    await admin.admin.users.session.reset({ user_id: BOB_ID });
    expect(kindsOf(ALICE_ID)).toEqual(['mobile', 'web']);
    expect(kindsOf(BOB_ID)).toEqual([]);
  });

  test('JSON body with bearer token', async () => {
    const response = await fetch(`${emulator.apiUrl}admin.users.session.reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ user_id: ALICE_ID, mobile_only: true }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(kindsOf(ALICE_ID)).toEqual(['web']);
  });

  test('token in form body', async () => {
    const body = new URLSearchParams({ token: ADMIN_TOKEN, user_id: ALICE_ID }).toString();
    const response = await fetch(`${emulator.apiUrl}admin.users.session.reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(emulator.calls[0]?.args).toEqual({ user_id: ALICE_ID });
  });
});

describe('admin.users.session.resetBulk', () => {
  test('resetBulk all succeed', async () => {
    await admin.admin.users.session.resetBulk({ user_ids: [ALICE_ID, BOB_ID], mobile_only: true });
    expect(kindsOf(ALICE_ID)).toEqual(['web']);
    expect(kindsOf(BOB_ID)).toEqual(['web']);
  });

  test('resetBulk partial failure', async () => {
    const call = admin.admin.users.session.resetBulk({
      user_ids: [ALICE_ID, BOT_ACCOUNT_ID, BOB_ID, 'W0NOBODY'],
    });
    const data = await platformError(call);
    expect(data.error).toBe('failed_for_some_users');
    expect(data.failed_user_ids).toEqual([BOT_ACCOUNT_ID, 'W0NOBODY']);
    expect(kindsOf(ALICE_ID)).toEqual([]);
    expect(kindsOf(BOB_ID)).toEqual([]);
  });

  test('resetBulk all fail', async () => {
    const data = await platformError(admin.admin.users.session.resetBulk({ user_ids: [OWNER_ID] }));
    expect(data.error).toBe('cannot_reset_primary_owner');
    expect(data.failed_user_ids).toBeUndefined();
  });

  test('resetBulk scripted failure', async () => {
    emulator.failUser(BOB_ID, 'admin.users.session.resetBulk', 'user_session_reset_failed');
    const data = await platformError(admin.admin.users.session.resetBulk({ user_ids: [ALICE_ID, BOB_ID] }));
    expect(data.failed_user_ids).toEqual([BOB_ID]);
    expect(kindsOf(BOB_ID)).toEqual(['mobile', 'web']);
  });

  test.each([
    ['empty list', []],
    ['1001 ids', Array.from({ length: 1001 }, (_, index) => `W${index}`)],
  ])('resetBulk %s rejected', async (_label, userIds) => {
    const data = await platformError(admin.apiCall('admin.users.session.resetBulk', { user_ids: userIds }));
    expect(data.error).toBe('invalid_arguments');
  });

  test('resetBulk 1000 generated users', async () => {
    const ids = emulator.addGeneratedUsers(1500);
    await admin.admin.users.session.resetBulk({ user_ids: [ids[0] ?? '', ...ids.slice(1, 1000)] });
    expect(emulator.sessionsOf(ids[999] ?? '')).toEqual([]);
    expect(kindsOf(ids[1000] ?? '')).toEqual(['mobile', 'web']);
  });
});

describe('admin.users.session.list', () => {
  async function listAll(limit: number): Promise<{ pages: number; sessionIds: number[] }> {
    const sessionIds: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.admin.users.session.list({ limit, cursor });
      pages += 1;
      for (const session of page.active_sessions ?? []) sessionIds.push(session.session_id ?? 0);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    return { pages, sessionIds };
  }

  test('list pages through every session', async () => {
    const { pages, sessionIds } = await listAll(5);
    expect(pages).toBe(4);
    expect(sessionIds).toHaveLength(18);
    expect(new Set(sessionIds).size).toBe(18);
    expect([...sessionIds].sort((left, right) => left - right)).toEqual(sessionIds);
  });

  test('list item shape', async () => {
    const result = await admin.admin.users.session.list({ team_id: SECOND_TEAM_ID, user_id: CAROL_ID });
    const sessions = result.active_sessions ?? [];
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ user_id: CAROL_ID, team_id: SECOND_TEAM_ID, created: { os: 'iOS' } });
    expect(typeof sessions[0]?.session_id).toBe('number');
    expect(sessions[0]?.recent).toBeUndefined();
    expect(sessions[1]?.recent?.ip).toMatch(/^203\.0\.113\./);
    expect(result.response_metadata?.next_cursor).toBe('');
  });

  test('list enterprise id covers all teams', async () => {
    const result = await admin.admin.users.session.list({ team_id: ENTERPRISE_ID, user_id: CAROL_ID });
    expect(result.active_sessions).toHaveLength(4);
  });

  test.each([
    ['team without user', { team_id: TEAM_ID }, 'missing_user'],
    ['user without team', { user_id: ALICE_ID }, 'missing_team'],
    ['unknown team', { team_id: 'T0NOPE', user_id: ALICE_ID }, 'team_not_found'],
    ['unknown user', { team_id: TEAM_ID, user_id: 'W0NOBODY' }, 'user_not_found'],
    ['bot user', { team_id: TEAM_ID, user_id: BOT_ACCOUNT_ID }, 'bots_not_allowed'],
    ['no sessions', { team_id: TEAM_ID, user_id: DELETED_ID }, 'no_active_sessions'],
    ['bad cursor', { cursor: 'not-a-cursor' }, 'invalid_cursor'],
    ['limit 0', { limit: 0 }, 'invalid_arguments'],
    ['limit 1001', { limit: 1001 }, 'invalid_arguments'],
  ])('list %s rejected', async (_label, args, expected) => {
    const data = await platformError(admin.apiCall('admin.users.session.list', args));
    expect(data.error).toBe(expected);
  });

  test('list skips nothing after removal', async () => {
    const first = await admin.admin.users.session.list({ limit: 2 });
    await admin.admin.users.session.reset({ user_id: ADMIN_ID });
    const second = await admin.admin.users.session.list({
      limit: 2,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(second.active_sessions?.[0]?.user_id).toBe(ALICE_ID);
  });
});

describe('admin.users.session.invalidate', () => {
  function invalidate(client: WebClient, args: Record<string, unknown>) {
    return client.apiCall('admin.users.session.invalidate', args);
  }

  test('invalidate removes one session', async () => {
    const [mobile, web] = emulator.sessionsOf(ALICE_ID);
    await invalidate(admin, { session_id: mobile?.sessionId, user_id: ALICE_ID });
    expect(emulator.sessionsOf(ALICE_ID).map((session) => session.sessionId)).toEqual([web?.sessionId]);
  });

  test('invalidate with legacy team_id', async () => {
    const [session] = emulator.sessionsOf(BOB_ID);
    await invalidate(admin, { session_id: String(session?.sessionId), team_id: SECOND_TEAM_ID });
    expect(emulator.sessionsOf(BOB_ID)).toHaveLength(1);
  });

  test('invalidate wrong user', async () => {
    const [session] = emulator.sessionsOf(ALICE_ID);
    const data = await platformError(invalidate(admin, { session_id: session?.sessionId, user_id: BOB_ID }));
    expect(data.error).toBe('session_not_found');
  });

  test('invalidate unknown session', async () => {
    const data = await platformError(invalidate(admin, { session_id: 1, user_id: ALICE_ID }));
    expect(data.error).toBe('session_not_found');
  });

  test('invalidate primary owner session', async () => {
    const [session] = emulator.sessionsOf(OWNER_ID);
    const args = { session_id: session?.sessionId, user_id: OWNER_ID };
    const data = await platformError(invalidate(admin, args));
    expect(data.error).toBe('cannot_invalidate_primary_owner');
    await invalidate(clientFor(emulator, OWNER_TOKEN), args);
    expect(emulator.sessionsOf(OWNER_ID)).toHaveLength(3);
  });

  test('invalidate non-integer session id', async () => {
    const data = await platformError(invalidate(admin, { session_id: 'abc', user_id: ALICE_ID }));
    expect(data.error).toBe('invalid_arguments');
  });
});
