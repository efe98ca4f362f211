import { ADMIN_ID, ALICE_ID, BOB_ID, MEMBER_ID, type SlackEmulator } from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  findButton,
  openResetModal,
  responseViewId,
  submitReset,
  useAppUnderTest,
  waitForAuditRecord,
  waitForPost,
} from '../support/reset-flow';
import { sessionRows, storedView } from '../support/sessions-flow';
import { postBlockActions, resetSubmissionValues } from '../support/slack-requests';

describe('ways into the sessions view', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest('sessions-entry', (started) => {
    ({ emulator, target, db } = started);
  });

  /** Presses "Show sessions" in the reset modal with `users` chosen and `reason` typed in the form. */
  async function pressShowSessions(users: string[], reason: string, userId = ADMIN_ID) {
    const resetViewId = await openResetModal(target, '');
    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      actions: [{ action_id: 'show_sessions', block_id: 'show_sessions' }],
      view: storedView(emulator, resetViewId),
      values: resetSubmissionValues({ users, scope: 'all', reason }),
      triggerId: emulator.issueTriggerId(),
      userId,
    });
    await emulator.waitFor(() => emulator.callsTo('views.push').length === 1);
    const pushedViewId = responseViewId(emulator.callsTo('views.push')[0]);
    if (pushedViewId === undefined) {
      throw new Error('views.push returned no view id.');
    }
    return pushedViewId;
  }

  /** Waits until view `viewId` shows the list of sessions. */
  async function waitForList(viewId: string) {
    await emulator.waitFor(() => storedView(emulator, viewId).callback_id === 'session_list');
    return storedView(emulator, viewId);
  }

  it('offers Show sessions in the reset modal', async () => {
    const viewId = await openResetModal(target, `<@${ALICE_ID}>`);

    expect(JSON.stringify(storedView(emulator, viewId).blocks)).toContain('"action_id":"show_sessions"');
  });

  it('pushes the sessions of the one person chosen', async () => {
    const viewId = await pressShowSessions([ALICE_ID], 'lost phone');

    const view = await waitForList(viewId);
    expect(sessionRows(view)).toHaveLength(2);
    expect(JSON.stringify(view)).toContain('"initial_value":"lost phone"');
    expect(emulator.callsTo('admin.users.session.list').map((call) => call.args.user_id)).toEqual([ALICE_ID]);
  });

  it('asks for one person when several are chosen', async () => {
    const viewId = await pressShowSessions([ALICE_ID, BOB_ID], '');

    expect(collectText(storedView(emulator, viewId))).toContain('2 people are chosen');
    expect(emulator.callsTo('admin.users.session.list')).toHaveLength(0);
  });

  it('refuses Show sessions for a requester who is not allowed', async () => {
    const viewId = await pressShowSessions([ALICE_ID], '', MEMBER_ID);

    await emulator.waitFor(() => collectText(storedView(emulator, viewId)).includes('You are not allowed'));
    expect(emulator.callsTo('admin.users.session.list')).toHaveLength(0);
  });

  it('refuses Show sessions before asking for one person', async () => {
    const viewId = await pressShowSessions([ALICE_ID, BOB_ID], '', MEMBER_ID);

    expect(collectText(storedView(emulator, viewId))).toContain('You are not allowed');
    expect(collectText(storedView(emulator, viewId))).not.toContain('people are chosen');
  });

  it('records a refused Show sessions with nobody chosen', async () => {
    await pressShowSessions([], '', MEMBER_ID);

    const record = await waitForAuditRecord(db.dbPath, (stored) => stored.requesterId === MEMBER_ID);
    expect(record.status).toBe('refused');
    expect(record.targetUserIds).toEqual([]);
    expect(record.detail).toContain('sessions list');
  });

  it('checks what a reset left, from the outcome modal', async () => {
    const resetViewId = await openResetModal(target, `<@${ALICE_ID}>`);
    await submitReset(target, {
      users: [ALICE_ID],
      scope: 'mobile',
      reason: 'lost phone',
      viewId: resetViewId,
    });
    await waitForPost(emulator, ADMIN_ID);
    const outcome = storedView(emulator, resetViewId);
    const button = findButton(outcome.blocks, 'check_sessions');
    expect(button?.value).toBe(ALICE_ID);

    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      actions: [{ action_id: 'check_sessions', block_id: 'check_sessions', value: ALICE_ID }],
      view: outcome,
      triggerId: emulator.issueTriggerId(),
    });

    await emulator.waitFor(() => emulator.callsTo('views.push').length === 1);
    const pushedViewId = responseViewId(emulator.callsTo('views.push')[0]) ?? '';
    const rows = sessionRows(await waitForList(pushedViewId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toContain('Computer, Mac OS X');
  });

  it('checks sessions from the outcome message', async () => {
    // A view id of its own, because the app treats a repeated view id and hash as a duplicate submission.
    await submitReset(target, {
      users: [ALICE_ID],
      scope: 'web',
      reason: 'shared kiosk',
      viewId: 'V0ENTRYDM1',
    });
    const message = await waitForPost(emulator, ADMIN_ID);
    expect(findButton(message.args.blocks, 'check_sessions')?.value).toBe(ALICE_ID);

    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      actions: [{ action_id: 'check_sessions', block_id: 'check_sessions', value: ALICE_ID }],
      triggerId: emulator.issueTriggerId(),
    });

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const openedViewId = responseViewId(emulator.callsTo('views.open')[0]) ?? '';
    const rows = sessionRows(await waitForList(openedViewId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toContain('iPhone');
  });

  it('offers a menu of people after a reset of several', async () => {
    await submitReset(target, {
      users: [ALICE_ID, BOB_ID],
      scope: 'all',
      reason: 'offboarding',
      viewId: 'V0ENTRYDM2',
    });
    const message = await waitForPost(emulator, ADMIN_ID);

    expect(JSON.stringify(message.args.blocks)).toContain('"type":"static_select"');

    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      actions: [
        {
          action_id: 'check_sessions',
          block_id: 'check_sessions',
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: BOB_ID }, value: BOB_ID },
        },
      ],
      triggerId: emulator.issueTriggerId(),
    });

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const openedViewId = responseViewId(emulator.callsTo('views.open')[0]) ?? '';
    const view = await waitForList(openedViewId);
    expect(collectText(view)).toContain(`<@${BOB_ID}> has no active sessions`);
  });
});
