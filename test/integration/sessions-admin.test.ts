import { SessionAdmin, type UserSession, type WorkspaceSessions } from '../../src/slack/session-admin';
import {
  ADMIN_TOKEN,
  ALICE_ID,
  CAROL_ID,
  OWNER_ID,
  SECOND_TEAM_ID,
  SlackEmulator,
  TEAM_ID,
} from '../emulator';
import { MemoryLogger } from '../support/test-logger';

/** The sessions of a workspace that listed without error; fails the test otherwise. */
function listedSessions(result: WorkspaceSessions | undefined): UserSession[] {
  if (result === undefined || !result.ok) {
    throw new Error(`Listing failed: ${JSON.stringify(result)}`);
  }
  return result.sessions;
}

describe('SessionAdmin sessions', () => {
  let emulator: SlackEmulator;
  let admin: SessionAdmin;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    admin = new SessionAdmin({
      adminToken: ADMIN_TOKEN,
      slackApiUrl: emulator.apiUrl,
      logger: new MemoryLogger(),
      retries: 0,
    });
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('lists each workspace separately', async () => {
    const results = await admin.listSessions(CAROL_ID, [TEAM_ID, SECOND_TEAM_ID]);

    expect(results.map((result) => result.teamId)).toEqual([TEAM_ID, SECOND_TEAM_ID]);
    expect(results.map((result) => (result.ok ? result.sessions.length : -1))).toEqual([2, 2]);
    const calls = emulator.callsTo('admin.users.session.list');
    expect(calls.map((call) => [call.args.team_id, call.args.user_id])).toEqual(
      expect.arrayContaining([
        [TEAM_ID, CAROL_ID],
        [SECOND_TEAM_ID, CAROL_ID],
      ]),
    );
  });

  it('follows next_cursor to the last page', async () => {
    emulator.addSessions(
      ALICE_ID,
      Array.from({ length: 1500 }, () => 'web' as const),
      TEAM_ID,
    );

    const [result] = await admin.listSessions(ALICE_ID, [TEAM_ID]);

    expect(listedSessions(result)).toHaveLength(1502);
    expect(result).toHaveProperty('complete', true);
    expect(emulator.callsTo('admin.users.session.list')).toHaveLength(2);
  });

  it('reads no_active_sessions as an empty workspace', async () => {
    const [result] = await admin.listSessions(ALICE_ID, [SECOND_TEAM_ID]);

    expect(result).toEqual({ teamId: SECOND_TEAM_ID, ok: true, sessions: [], complete: true });
  });

  it('keeps earlier pages when sessions end before the next', async () => {
    emulator.addSessions(
      ALICE_ID,
      Array.from({ length: 1000 }, () => 'web' as const),
      TEAM_ID,
    );
    emulator.fault('admin.users.session.list', {
      error: 'no_active_sessions',
      match: (args) => args.cursor !== undefined,
    });

    const [result] = await admin.listSessions(ALICE_ID, [TEAM_ID]);

    expect(listedSessions(result)).toHaveLength(1000);
  });

  it('returns a workspace error as its code', async () => {
    const [result] = await admin.listSessions(ALICE_ID, ['T0MISSING']);

    expect(result).toEqual({ teamId: 'T0MISSING', ok: false, error: 'team_not_found' });
  });

  it('maps the session fields', async () => {
    const [result] = await admin.listSessions(ALICE_ID, [TEAM_ID]);
    const [fixtureSession] = emulator.sessionsOf(ALICE_ID);

    const listed = result?.ok
      ? result.sessions.find((session) => session.sessionId === fixtureSession?.sessionId)
      : undefined;
    expect(listed).toEqual({
      sessionId: fixtureSession?.sessionId,
      userId: ALICE_ID,
      teamId: TEAM_ID,
      created: fixtureSession?.created,
      ...(fixtureSession?.recent !== undefined ? { recent: fixtureSession.recent } : {}),
    });
  });

  it('invalidates with session_id and user_id', async () => {
    const [session] = emulator.sessionsOf(ALICE_ID);
    if (session === undefined) throw new Error('Alice has no sessions.');

    const outcome = await admin.invalidateSession({ sessionId: session.sessionId, userId: ALICE_ID });

    expect(outcome).toEqual({ userId: ALICE_ID, ok: true });
    const [call] = emulator.callsTo('admin.users.session.invalidate');
    expect(Object.keys(call?.args ?? {}).sort()).toEqual(['session_id', 'user_id']);
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(1);
  });

  it('returns an invalidate error as its code', async () => {
    const [session] = emulator.sessionsOf(OWNER_ID);
    if (session === undefined) throw new Error('The owner has no sessions.');

    const outcome = await admin.invalidateSession({ sessionId: session.sessionId, userId: OWNER_ID });

    expect(outcome).toEqual({ userId: OWNER_ID, ok: false, error: 'cannot_invalidate_primary_owner' });
  });
});
