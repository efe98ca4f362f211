import { WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError, type WebClient } from '@slack/web-api';
import { ADMIN_TOKEN, ALICE_ID, BOB_ID, BOT_TOKEN, OWNER_TOKEN, SlackEmulator } from './index';
import { clientFor, platformError } from './web-client';

let emulator: SlackEmulator;
let admin: WebClient;
let clock = 1_700_000_000_000;

beforeAll(async () => {
  emulator = await SlackEmulator.start({ now: () => clock });
  admin = clientFor(emulator, ADMIN_TOKEN, { rejectRateLimitedCalls: true });
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  emulator.reset();
});

function reset(userId = ALICE_ID) {
  return admin.admin.users.session.reset({ user_id: userId });
}

async function caught(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

describe('fault', () => {
  test('429 with Retry-After', async () => {
    emulator.fault('admin.users.session.reset', { status: 429, retryAfter: 7 });
    const error = await caught(reset());
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error).toMatchObject({ retryAfter: 7 });
    expect(emulator.calls[0]?.status).toBe(429);
    expect(emulator.calls[0]?.response).toEqual({ ok: false, error: 'ratelimited' });
  });

  test('429 without Retry-After', async () => {
    emulator.fault('admin.users.session.reset', { status: 429 });
    const client = clientFor(emulator, ADMIN_TOKEN);
    const error = await caught(client.admin.users.session.reset({ user_id: ALICE_ID }));
    expect(String(error)).toContain('Retry header did not contain a valid timeout');
  });

  test('500 then success', async () => {
    emulator.fault('admin.users.session.reset', { status: 500 });
    const error = await caught(reset());
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect(error).toMatchObject({ statusCode: 500 });
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
    await reset();
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(0);
  });

  test('client retry passes 503', async () => {
    emulator.fault('admin.users.session.reset', { status: 503, times: 2 });
    const client = clientFor(emulator, ADMIN_TOKEN, {
      retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 },
    });
    await client.admin.users.session.reset({ user_id: ALICE_ID });
    expect(emulator.callsTo('admin.users.session.reset').map((call) => call.status)).toEqual([503, 503, 200]);
  });

  test('error fault returns 200', async () => {
    emulator.fault('admin.users.session.reset', { error: 'internal_error' });
    const data = await platformError(reset());
    expect(data.error).toBe('internal_error');
    expect(emulator.calls[0]?.status).toBe(200);
  });

  test('delay before response', async () => {
    emulator.fault('admin.users.session.reset', { delayMs: 150 });
    const started = Date.now();
    await reset();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(0);
  });

  test('destroyed socket', async () => {
    emulator.fault('admin.users.session.reset', { destroySocket: true });
    const error = await caught(reset());
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(emulator.calls[0]?.status).toBe(0);
  });

  test('match limits the fault', async () => {
    emulator.fault('admin.users.session.reset', {
      error: 'user_session_reset_failed',
      match: (args) => args.user_id === BOB_ID,
    });
    await reset(ALICE_ID);
    const data = await platformError(reset(BOB_ID));
    expect(data.error).toBe('user_session_reset_failed');
  });

  test('times Infinity persists', async () => {
    emulator.fault('*', { error: 'fatal_error', times: Infinity });
    for (const userId of [ALICE_ID, BOB_ID, ALICE_ID]) {
      expect((await platformError(reset(userId))).error).toBe('fatal_error');
    }
    emulator.clearFaults();
    await reset();
  });

  test('faults apply in order', async () => {
    emulator.fault('*', { error: 'first' });
    emulator.fault('admin.users.session.reset', { error: 'second' });
    expect((await platformError(reset())).error).toBe('first');
    expect((await platformError(reset())).error).toBe('second');
  });

  test('fault on response URL', async () => {
    const url = emulator.createResponseUrl();
    emulator.fault('response_url', { status: 500 });
    const failed = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
    expect(failed.status).toBe(500);
    const posted = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'again' }) });
    expect(posted.status).toBe(200);
    expect(emulator.responseUrlPosts.map((post) => post.body)).toEqual([{ text: 'again' }]);
  });
});

describe('rateLimit', () => {
  test('third call in a minute limited', async () => {
    emulator.rateLimit('admin.users.session.reset', { perMinute: 2 });
    await reset();
    clock += 10_000;
    await reset(BOB_ID);
    const error = await caught(reset());
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error).toMatchObject({ retryAfter: 50 });
  });

  test('window slides after 60 s', async () => {
    emulator.rateLimit('admin.users.session.reset', { perMinute: 1 });
    await reset();
    clock += 60_000;
    await reset(BOB_ID);
    expect(emulator.callsTo('admin.users.session.reset').map((call) => call.status)).toEqual([200, 200]);
  });

  test('limit is per token', async () => {
    emulator.rateLimit('admin.users.session.reset', { perMinute: 1 });
    await reset();
    await clientFor(emulator, OWNER_TOKEN).admin.users.session.reset({ user_id: BOB_ID });
    expect(emulator.sessionsOf(BOB_ID)).toHaveLength(0);
  });

  test('limit is per method', async () => {
    emulator.rateLimit('admin.users.session.reset', { perMinute: 1 });
    await reset();
    const result = await clientFor(emulator, BOT_TOKEN).auth.test();
    expect(result.ok).toBe(true);
  });
});
