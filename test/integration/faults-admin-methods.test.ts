import { createServer } from 'node:net';
import { SessionAdmin } from '../../src/slack/session-admin';
import { ADMIN_TOKEN, ALICE_ID, SlackEmulator, TEAM_ID } from '../emulator';
import { MemoryLogger } from '../support/test-logger';

/** Each admin method SessionAdmin offers, reduced to the error code it returns (undefined on success). */
const ADMIN_METHODS: Record<string, (admin: SessionAdmin, sessionId: number) => Promise<string | undefined>> =
  {
    'admin.users.session.reset': async (admin) => (await admin.resetSessions([ALICE_ID], 'all'))[0]?.error,
    'admin.users.session.resetBulk': async (admin) => {
      const answer = await admin.resetBulk([ALICE_ID], 'all');
      return answer.ok ? undefined : answer.error;
    },
    'admin.users.session.list': async (admin) => {
      const [listed] = await admin.listSessions(ALICE_ID, [TEAM_ID]);
      return listed === undefined || listed.ok ? undefined : listed.error;
    },
    'admin.users.session.invalidate': async (admin, sessionId) =>
      (await admin.invalidateSession({ sessionId, userId: ALICE_ID })).error,
  };

const METHOD_NAMES = Object.keys(ADMIN_METHODS);

function adminFor(slackApiUrl: string, retries: number): SessionAdmin {
  return new SessionAdmin({
    adminToken: ADMIN_TOKEN,
    slackApiUrl,
    logger: new MemoryLogger(),
    timeoutMs: 500,
    retries,
  });
}

/** Calls `method` through SessionAdmin; `sessionId` is the session that invalidate targets. */
function call(method: string, admin: SessionAdmin, sessionId = 1): Promise<string | undefined> {
  const run = ADMIN_METHODS[method];
  if (run === undefined) {
    throw new Error(`No test call for ${method}.`);
  }
  return run(admin, sessionId);
}

function aliceSessionId(emulator: SlackEmulator): number {
  return emulator.sessionsOf(ALICE_ID)[0]?.sessionId ?? 0;
}

describe('429 on every admin method', () => {
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
  });

  afterEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it.each(METHOD_NAMES)('%s waits out Retry-After, then succeeds', async (method) => {
    emulator.fault(method, { status: 429, retryAfter: 1 });

    const error = await call(method, adminFor(emulator.apiUrl, 3), aliceSessionId(emulator));

    expect(error).toBeUndefined();
    expect(emulator.callsTo(method).map((recorded) => recorded.status)).toEqual([429, 200]);
  });

  it.each(METHOD_NAMES)('%s returns ratelimited once retries run out', async (method) => {
    emulator.fault(method, { status: 429, retryAfter: 1, times: Number.POSITIVE_INFINITY });

    const error = await call(method, adminFor(emulator.apiUrl, 1), aliceSessionId(emulator));

    expect(error).toBe('ratelimited');
    expect(emulator.callsTo(method)).toHaveLength(2);
  });
});

describe('connection refused', () => {
  let closedApiUrl: string;

  beforeAll(async () => {
    // A port that was free a moment ago and has nothing listening on it now.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closedApiUrl = `http://127.0.0.1:${port}/api/`;
  });

  it.each(METHOD_NAMES)('%s returns request_failed', async (method) => {
    const error = await call(method, adminFor(closedApiUrl, 1));

    expect(error).toBe('request_failed');
  });

  it('gives up within the retry schedule', async () => {
    const startedAt = Date.now();
    const [outcome] = await adminFor(closedApiUrl, 3).resetSessions([ALICE_ID], 'all');

    expect(outcome?.error).toBe('request_failed');
    // Backoff of 0.5 + 1 + 2 s between four attempts, with room for a slow machine.
    expect(Date.now() - startedAt).toBeLessThan(8_000);
  });
});
