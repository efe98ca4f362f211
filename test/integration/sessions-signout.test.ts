import {
  ADMIN_ID,
  ADMIN_TOKEN,
  ALICE_ID,
  GENERAL_CHANNEL_ID,
  MEMBER_ID,
  OWNER_ID,
  type SlackEmulator,
} from '../emulator';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  readAuditRecords,
  sendCommand,
  useAppUnderTest,
  waitForAuditRecord,
  waitForPost,
  waitForReply,
} from '../support/reset-flow';
import {
  clickSignOut,
  openSessionsView,
  type SessionRow,
  sessionRows,
  storedView,
  waitForViewText,
} from '../support/sessions-flow';

describe('signing out one session', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest(
    'sessions-signout',
    (started) => {
      ({ emulator, target, db } = started);
    },
    { AUDIT_CHANNEL_ID: GENERAL_CHANNEL_ID },
  );

  const invalidateCalls = () => emulator.callsTo('admin.users.session.invalidate');

  /** Opens the sessions view of `userId` and returns its id and rows. */
  async function openList(userId: string): Promise<{ viewId: string; rows: SessionRow[] }> {
    const viewId = await openSessionsView(target, `<@${userId}>`);
    return { viewId, rows: sessionRows(storedView(emulator, viewId)) };
  }

  /** Clicks sign-out on the first row with a reason and waits for the refreshed list. */
  async function signOutFirst(userId: string, reason: string) {
    const { viewId, rows } = await openList(userId);
    const [row, ...rest] = rows;
    if (row === undefined) {
      throw new Error(`${userId} has no sessions to sign out.`);
    }
    await clickSignOut(target, { viewId, row, reason });
    await emulator.waitFor(() => {
      const text = collectText(storedView(emulator, viewId));
      return text.includes('Signed out the session on') || text.includes('was not signed out');
    });
    return { viewId, row, rest };
  }

  it('leaves the other sessions signed in', async () => {
    const { viewId, row, rest } = await signOutFirst(ALICE_ID, 'laptop stolen, ticket SEC-7');

    expect(emulator.sessionsOf(ALICE_ID).map((session) => session.sessionId)).toEqual(
      rest.map((other) => other.sessionId),
    );
    const view = await waitForViewText(emulator, viewId, 'Signed out the session');
    expect(sessionRows(view).map((shown) => shown.sessionId)).toEqual(rest.map((other) => other.sessionId));
    expect(collectText(view)).toContain(`<@${ALICE_ID}> has 1 active session*`);
    expect(row.sessionId).not.toBe(rest[0]?.sessionId);
  });

  it('sends session_id and user_id only', async () => {
    const { row } = await signOutFirst(ALICE_ID, 'laptop stolen');

    const [call] = invalidateCalls();
    expect(call?.token).toBe(ADMIN_TOKEN);
    expect(String(call?.args.session_id)).toBe(String(row.sessionId));
    expect(call?.args.user_id).toBe(ALICE_ID);
    expect(call?.args).not.toHaveProperty('team_id');
  });

  it('records the sign-out in the audit trail', async () => {
    const { row } = await signOutFirst(ALICE_ID, 'phone left in a taxi');

    const record = await waitForAuditRecord(
      db.dbPath,
      (candidate) => candidate.reason === 'phone left in a taxi',
    );
    expect(record.action).toBe('invalidate');
    expect(record.status).toBe('completed');
    expect(record.requesterId).toBe(ADMIN_ID);
    expect(record.targetUserIds).toEqual([ALICE_ID]);
    expect(record.sessionId).toBe(String(row.sessionId));
    expect(record.sessionSummary).toMatch(
      /^Computer, Mac OS X 14\.5, Slack 4\.39\.95, IP 203\.0\.113\.\d+ \(workspace T0WORK1\)$/,
    );
    expect(record.outcomes).toMatchObject([{ userId: ALICE_ID, ok: true }]);
  });

  it('posts the sign-out to the security channel', async () => {
    await signOutFirst(ALICE_ID, 'account takeover');

    const post = await waitForPost(emulator, GENERAL_CHANNEL_ID);
    expect(post.args.text).toContain('Session sign-out: Request completed');
    expect(collectText(post.args.blocks)).toContain('(workspace T0WORK1)');
    expect(collectText(post.args.blocks)).toContain('account takeover');
  });

  it('shows the sign-out in history', async () => {
    await signOutFirst(ALICE_ID, 'history check');
    await waitForAuditRecord(db.dbPath, (candidate) => candidate.reason === 'history check');

    const { responseUrl } = await sendCommand(target, `history <@${ALICE_ID}>`);

    const reply = collectText(await waitForReply(emulator, responseUrl));
    expect(reply).toContain('sign-out of one session');
    expect(reply).toContain('history check');
  });

  it('requires a reason', async () => {
    const { viewId, rows } = await openList(ALICE_ID);
    const [row] = rows;
    if (row === undefined) throw new Error('Alice has no sessions.');

    await clickSignOut(target, { viewId, row, reason: '   ' });

    await waitForViewText(emulator, viewId, 'Type a reason before you sign out');
    expect(invalidateCalls()).toHaveLength(0);
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
    const record = await waitForAuditRecord(
      db.dbPath,
      (candidate) => candidate.status === 'rejected' && candidate.action === 'invalidate',
    );
    expect(record.detail).toContain(`session ${row.sessionId}`);
  });

  it('refuses a requester who is not allowed', async () => {
    const { viewId, rows } = await openList(ALICE_ID);
    const [row] = rows;
    if (row === undefined) throw new Error('Alice has no sessions.');

    await clickSignOut(target, { viewId, row, reason: 'not mine to do', userId: MEMBER_ID });

    await waitForViewText(emulator, viewId, 'You are not allowed');
    expect(invalidateCalls()).toHaveLength(0);
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
    const record = await waitForAuditRecord(db.dbPath, (candidate) => candidate.requesterId === MEMBER_ID);
    expect(record.action).toBe('invalidate');
    expect(record.status).toBe('refused');
  });

  it('explains cannot_invalidate_primary_owner', async () => {
    const { viewId } = await signOutFirst(OWNER_ID, 'testing the owner');

    const view = await waitForViewText(emulator, viewId, 'was not signed out');
    expect(collectText(view)).toContain("Only the primary owner can sign out the primary owner's sessions");
    expect(emulator.sessionsOf(OWNER_ID)).toHaveLength(4);
  });

  it('explains session_not_found for a stale button', async () => {
    const { viewId, row } = await signOutFirst(ALICE_ID, 'first click');

    // The same button again, as from a second window that still shows the old list.
    await clickSignOut(target, { viewId, row, reason: 'double click' });

    const view = await waitForViewText(emulator, viewId, 'was not signed out');
    expect(invalidateCalls()[1]?.response).toMatchObject({ ok: false, error: 'session_not_found' });
    expect(collectText(view)).toContain('This session no longer exists');
    const records = await readAuditRecords(db.dbPath, ALICE_ID);
    expect(records.find((record) => record.reason === 'double click')?.outcomes).toMatchObject([
      { ok: false, error: 'session_not_found' },
    ]);
  });

  it('explains session_invalidation_failed', async () => {
    emulator.failUser(ALICE_ID, 'admin.users.session.invalidate', 'session_invalidation_failed');

    const { viewId } = await signOutFirst(ALICE_ID, 'flaky');

    const view = await waitForViewText(emulator, viewId, 'was not signed out');
    expect(collectText(view)).toContain('Slack could not sign out this session');
    expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
  });
});
