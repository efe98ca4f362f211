import { describeError } from '../../src/messages/error-messages';
import { ADMIN_ID, ADMIN_TOKEN, ALICE_ID, BOB_ID, CAROL_ID, type SlackEmulator } from '../emulator';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  openResetModal,
  submitReset,
  useAppUnderTest,
  waitForAuditRecord,
  waitForPost,
} from '../support/reset-flow';

describe('reset submission', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest('reset-submission', (started) => {
    ({ emulator, target, db } = started);
  });

  const resetCalls = () => emulator.callsTo('admin.users.session.reset');

  it.each([
    ['mobile', { mobile_only: 'true' }, ['web']],
    ['web', { web_only: 'true' }, ['mobile']],
    ['all', {}, []],
  ])('scope %s sends only its flag', async (scope, flags, kindsLeft) => {
    const response = await submitReset(target, { users: [ALICE_ID], scope, reason: 'lost phone' });
    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'update' });

    await waitForPost(emulator, ADMIN_ID);
    const [call] = resetCalls();
    const { user_id: userId, ...sentFlags } = call?.args ?? {};
    expect(userId).toBe(ALICE_ID);
    expect(sentFlags).toEqual(flags);
    expect(call?.token).toBe(ADMIN_TOKEN);
    expect(emulator.sessionsOf(ALICE_ID).map((session) => session.kind)).toEqual(kindsLeft);
  });

  it('resets the others when one person fails', async () => {
    emulator.failUser(BOB_ID, 'admin.users.session.reset', 'user_session_reset_failed');
    const viewId = await openResetModal(target);

    await submitReset(target, {
      users: [ALICE_ID, BOB_ID, CAROL_ID],
      scope: 'all',
      reason: 'phishing',
      viewId,
    });

    const message = await waitForPost(emulator, ADMIN_ID);
    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);
    const [update] = emulator.callsTo('views.update');
    expect(
      resetCalls()
        .map((call) => call.args.user_id)
        .sort(),
    ).toEqual([ALICE_ID, BOB_ID, CAROL_ID].sort());
    expect(emulator.sessionsOf(ALICE_ID)).toEqual([]);
    expect(emulator.sessionsOf(CAROL_ID)).toEqual([]);
    expect(emulator.sessionsOf(BOB_ID)).toHaveLength(2);
    expect(update?.args.view_id).toBe(viewId);
    expect(update?.response).toMatchObject({ ok: true });

    const code = 'user_session_reset_failed';
    const failure = `<@${BOB_ID}>: ${describeError(code)} (\`${code}\`)`;
    for (const outcomeText of [collectText(update?.args.view), collectText(message.args.blocks)]) {
      expect(outcomeText).toContain(`<@${ALICE_ID}>: signed out`);
      expect(outcomeText).toContain(`<@${CAROL_ID}>: signed out`);
      expect(outcomeText).toContain(failure);
    }
    expect(message.args.text).toBe('2 of 3 people signed out of all sessions; 1 failed');
  });

  it('queues 100 people in one resetBulk call', async () => {
    const userIds = emulator.addGeneratedUsers(100);
    const viewId = await openResetModal(target);

    await submitReset(target, { users: userIds, scope: 'all', reason: 'org-wide incident', viewId });

    const message = await waitForPost(emulator, ADMIN_ID);
    await emulator.waitFor(() => emulator.callsTo('views.update').length >= 1);
    const bulkCalls = emulator.callsTo('admin.users.session.resetBulk');
    expect(resetCalls()).toHaveLength(0);
    expect(bulkCalls).toHaveLength(1);
    expect(bulkCalls[0]?.args.user_ids).toEqual(userIds);
    expect(message.response).toMatchObject({ ok: true });
    expect(String(message.args.text)).toContain('100');
    expect(String(message.args.text)).toContain('queued');
  });

  it('waits for Retry-After on a 429', async () => {
    emulator.fault('admin.users.session.reset', { status: 429, retryAfter: 1 });

    await submitReset(target, { users: [ALICE_ID], scope: 'all', reason: 'stolen laptop' });

    const message = await waitForPost(emulator, ADMIN_ID);
    const [limited, retried] = resetCalls();
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried?.args.user_id).toBe(ALICE_ID);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(emulator.sessionsOf(ALICE_ID)).toEqual([]);
    expect(message.args.text).toBe('1 of 1 person signed out of all sessions');
  });

  it('rejects an empty form on each input', async () => {
    const response = await submitReset(target, { users: [] });

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: {
        targets: 'Choose at least one person.',
        scope: 'Choose which sessions to end.',
        reason: 'Give a reason; it is kept in the audit record.',
      },
    });
    expect(resetCalls()).toEqual([]);
  });

  it('rejects a blank reason on the reason block', async () => {
    const response = await submitReset(target, { users: [ALICE_ID], scope: 'all', reason: '  \n ' });

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: { reason: 'Give a reason; it is kept in the audit record.' },
    });
    expect(resetCalls()).toEqual([]);
  });

  it('rejects a forged scope', async () => {
    const response = await submitReset(target, { users: [ALICE_ID], scope: 'everything', reason: 'x' });

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: { scope: 'Choose which sessions to end.' },
    });
    expect(resetCalls()).toEqual([]);
  });

  it('rejects a reason over 1000 characters', async () => {
    const response = await submitReset(target, { users: [ALICE_ID], scope: 'all', reason: 'é'.repeat(1001) });

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: { reason: 'Keep the reason within 1000 characters.' },
    });
    expect(resetCalls()).toEqual([]);
  });

  it('records a rejected submission', async () => {
    await submitReset(target, { users: [BOB_ID], scope: 'web', reason: '' });

    const record = await waitForAuditRecord(
      db.dbPath,
      (stored) => stored.scope === 'web' && stored.targetUserIds.includes(BOB_ID),
    );
    expect(record.status).toBe('rejected');
    expect(record.requesterId).toBe(ADMIN_ID);
    expect(record.targetUserIds).toEqual([BOB_ID]);
    expect(record.scope).toBe('web');
    expect(record.detail).toBe('Give a reason; it is kept in the audit record.');
    expect(record.outcomes).toEqual([]);
  });

  it('resets unicode reasons as typed', async () => {
    const reason = 'Ноутбук украден 🚨 — ticket SÉC-12';

    await submitReset(target, { users: [ALICE_ID], scope: 'all', reason });

    const message = await waitForPost(emulator, ADMIN_ID);
    expect(collectText(message.args.blocks)).toContain(`Reason: ${reason}`);
    const record = await waitForAuditRecord(db.dbPath, (stored) => stored.status === 'completed');
    expect(record.reason).toBe(reason);
  });
});
