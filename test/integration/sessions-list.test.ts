import {
  ADMIN_TOKEN,
  ALICE_ID,
  BOB_ID,
  BOT_ACCOUNT_ID,
  CAROL_ID,
  DELETED_ID,
  MEMBER_ID,
  SECOND_TEAM_ID,
  type SlackEmulator,
  TEAM_ID,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  sendCommand,
  useAppUnderTest,
  waitForAuditRecord,
  waitForReply,
} from '../support/reset-flow';
import { openSessionsView, sessionReasonValues, sessionRows, storedView } from '../support/sessions-flow';
import { postViewSubmission } from '../support/slack-requests';

describe('listing sessions', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest('sessions-list', (started) => {
    ({ emulator, target, db } = started);
  });

  const listCalls = () => emulator.callsTo('admin.users.session.list');

  it('lists across two workspaces and two pages', async () => {
    // 1,002 sessions on the first workspace need two pages of 1,000; the newest session is on the second.
    emulator.addSessions(
      CAROL_ID,
      Array.from({ length: 1000 }, () => 'web' as const),
      TEAM_ID,
    );
    const [newest] = emulator.addSessions(CAROL_ID, ['mobile'], SECOND_TEAM_ID);

    const viewId = await openSessionsView(target, `<@${CAROL_ID}>`);

    const calls = listCalls();
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.token === ADMIN_TOKEN && call.args.user_id === CAROL_ID)).toBe(true);
    expect(calls.filter((call) => call.args.team_id === TEAM_ID)).toHaveLength(2);
    expect(calls.filter((call) => call.args.team_id === SECOND_TEAM_ID)).toHaveLength(1);
    expect(calls.filter((call) => call.args.cursor !== undefined)).toHaveLength(1);

    const view = storedView(emulator, viewId);
    expect(collectText(view)).toContain(`<@${CAROL_ID}> has 1005 active sessions`);
    expect(collectText(view)).toContain('2 workspaces checked');
    const [first, second] = sessionRows(view);
    expect(first?.sessionId).toBe(newest);
    expect(first?.text).toContain(`workspace \`${SECOND_TEAM_ID}\``);
    expect(second?.text).toContain(`workspace \`${TEAM_ID}\``);
  });

  it('shows device, versions, IP and last seen', async () => {
    const viewId = await openSessionsView(target, ALICE_ID);

    const [web, mobile] = sessionRows(storedView(emulator, viewId));
    expect(web?.text).toContain('*Computer, Mac OS X 14.5*');
    expect(web?.text).toContain('Signed in: Computer, Mac OS X 14.5, Slack 4.39.95, IP 203.0.113.');
    expect(web?.text).toMatch(/Last seen: Computer, Mac OS X 14\.5, Slack 4\.39\.95, IP 203\.0\.113\.\d+/);
    expect(mobile?.text).toContain('Signed in: iPhone, iOS 17.5, Slack 24.06.10, IP 198.51.100.');
    expect(mobile?.text).toContain('Last seen: no change since sign-in');
  });

  it('keeps a person with 150 sessions within 100 blocks', async () => {
    emulator.addSessions(
      BOB_ID,
      Array.from({ length: 148 }, () => 'web' as const),
      SECOND_TEAM_ID,
    );

    const viewId = await openSessionsView(target, `<@${BOB_ID}>`);

    const update = emulator.callsTo('views.update').find((call) => call.args.view_id === viewId);
    expect(update?.response).toMatchObject({ ok: true });
    const view = storedView(emulator, viewId);
    expect(view.blocks).toHaveLength(100);
    expect(collectText(view)).toContain(`<@${BOB_ID}> has 150 active sessions`);
    expect(sessionRows(view)).toHaveLength(97);
    expect(collectText(view)).toContain('53 older sessions are not shown');
  });

  it('answers no_active_sessions with an empty list', async () => {
    const viewId = await openSessionsView(target, DELETED_ID);

    expect(listCalls()[0]?.response).toMatchObject({ ok: false, error: 'no_active_sessions' });
    const view = storedView(emulator, viewId);
    expect(collectText(view)).toContain(`<@${DELETED_ID}> has no active sessions`);
    expect(sessionRows(view)).toEqual([]);
  });

  it('keeps other workspaces when one fails', async () => {
    emulator.fault('admin.users.session.list', {
      error: 'team_not_found',
      match: (args) => args.team_id === SECOND_TEAM_ID,
    });

    const viewId = await openSessionsView(target, CAROL_ID);

    const view = storedView(emulator, viewId);
    expect(sessionRows(view)).toHaveLength(2);
    expect(collectText(view)).toContain(`could not be listed in workspace \`${SECOND_TEAM_ID}\``);
    expect(collectText(view)).toContain('(`team_not_found`)');
  });

  it('explains missing_scope as admin.users:read', async () => {
    emulator.fault('admin.users.session.list', { error: 'missing_scope' });

    const viewId = await openSessionsView(target, ALICE_ID);

    expect(collectText(storedView(emulator, viewId))).toContain('lacks the admin.users:read scope');
  });

  it('lists no sessions for a bot', async () => {
    const viewId = await openSessionsView(target, BOT_ACCOUNT_ID);

    expect(listCalls()).toHaveLength(0);
    expect(collectText(storedView(emulator, viewId))).toContain('This is a bot user');
  });

  it('finds a person by email', async () => {
    const viewId = await openSessionsView(target, 'alice@example.com');

    const methods = emulator.calls.map((call) => call.method);
    expect(methods.indexOf('views.open')).toBeLessThan(methods.indexOf('users.lookupByEmail'));
    expect(sessionRows(storedView(emulator, viewId))).toHaveLength(2);
  });

  it('asks for exactly one person', async () => {
    const { responseUrl } = await sendCommand(target, `sessions <@${ALICE_ID}> <@${BOB_ID}>`);

    expect(collectText(await waitForReply(emulator, responseUrl))).toContain('Name one person');
    expect(emulator.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses a requester who is not allowed', async () => {
    const { responseUrl } = await sendCommand(target, `sessions <@${ALICE_ID}>`, { user_id: MEMBER_ID });

    expect(collectText(await waitForReply(emulator, responseUrl))).toContain('You are not allowed');
    expect(listCalls()).toHaveLength(0);
    expect(emulator.callsTo('views.open')).toHaveLength(0);
    const record = await waitForAuditRecord(db.dbPath, (candidate) => candidate.requesterId === MEMBER_ID);
    expect(record.detail).toBe('not_listed (sessions)');
  });

  it('refreshes the list on submit', async () => {
    const viewId = await openSessionsView(target, ALICE_ID);
    emulator.addSessions(ALICE_ID, ['mobile'], TEAM_ID);

    const response = await postViewSubmission(target.app.eventsUrl, SIGNING_SECRET, {
      view: storedView(emulator, viewId),
      values: sessionReasonValues('checking a report'),
    });

    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'update' });
    await emulator.waitFor(() => sessionRows(storedView(emulator, viewId)).length === 3);
    expect(JSON.stringify(storedView(emulator, viewId))).toContain('"initial_value":"checking a report"');
  });

  it('refuses a refresh from a requester who is not allowed', async () => {
    const viewId = await openSessionsView(target, ALICE_ID);
    const listed = listCalls().length;

    await postViewSubmission(target.app.eventsUrl, SIGNING_SECRET, {
      view: storedView(emulator, viewId),
      values: sessionReasonValues(null),
      userId: MEMBER_ID,
    });

    await emulator.waitFor(() => collectText(storedView(emulator, viewId)).includes('You are not allowed'));
    expect(listCalls()).toHaveLength(listed);
  });
});
