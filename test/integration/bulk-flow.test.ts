import {
  ADMIN_ID,
  ALICE_ID,
  BOB_ID,
  BOT_ACCOUNT_ID,
  CAROL_ID,
  DELETED_ID,
  type EmulatorView,
  MEMBER_ID,
  type RecordedCall,
  SlackEmulator,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  bulkSubmissionValues,
  confirmView,
  formToConfirmation,
  submitView,
  waitForView,
} from '../support/bulk-flow';
import {
  collectText,
  type FlowTarget,
  findButton,
  makeAuditDbDir,
  openResetModal,
  postsTo,
  readAuditRecords,
  startFlowApp,
  waitForAuditRecord,
  waitForPost,
  waitForReply,
} from '../support/reset-flow';
import { type DeliveryResult, postBlockActions, postViewSubmission } from '../support/slack-requests';

const RESET = 'admin.users.session.reset';
const RESET_BULK = 'admin.users.session.resetBulk';

function adminWrites(emulator: SlackEmulator): RecordedCall[] {
  return emulator.calls.filter((call) => call.method === RESET || call.method === RESET_BULK);
}

function bulkSizes(emulator: SlackEmulator): number[] {
  return emulator
    .callsTo(RESET_BULK)
    .map((call) => (Array.isArray(call.args.user_ids) ? call.args.user_ids.length : -1));
}

/** Presses the confirmation's submit button as `userId` instead of the admin who asked for it. */
function confirmAs(target: FlowTarget, view: EmulatorView, userId: string): Promise<DeliveryResult> {
  return postViewSubmission(target.app.eventsUrl, SIGNING_SECRET, {
    values: {},
    viewId: view.id,
    hash: `${userId}.refused`,
    privateMetadata: view.private_metadata ?? '',
    callbackId: 'bulk_reset_confirm',
    userId,
  });
}

describe('bulk reset over HTTP', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  const db = makeAuditDbDir('bulk-flow');

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    target = await startFlowApp(emulator, db.dbPath, { MAX_TARGETS_PER_REQUEST: '10000' });
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await target.app.stop();
    await emulator.stop();
    db.remove();
  });

  it('expands a user group mention and leaves out bots and deactivated accounts', async () => {
    emulator.addUsergroup('S0INCIDENT', [ALICE_ID, BOB_ID, BOT_ACCOUNT_ID, DELETED_ID, CAROL_ID]);

    const confirmation = await formToConfirmation(target, '<!subteam^S0INCIDENT|@incident>', {});
    const text = collectText(confirmation.blocks);
    expect(text).toContain('3 people will be signed out');
    expect(text).toContain('User group <!subteam^S0INCIDENT> has 5 people');
    expect(text).toContain(
      `Left out 1 bots*, because Slack cannot reset a bot's sessions: <@${BOT_ACCOUNT_ID}>`,
    );
    expect(text).toContain(
      `Left out 1 deactivated accounts*, because they have no sessions: <@${DELETED_ID}>`,
    );
    expect(adminWrites(emulator)).toEqual([]);

    await confirmView(target, confirmation);
    await waitForPost(emulator, 'W0ADMIN');
    expect(emulator.callsTo(RESET).map((call) => call.args.user_id)).toEqual(
      expect.arrayContaining([ALICE_ID, BOB_ID, CAROL_ID]),
    );
    expect(emulator.callsTo(RESET)).toHaveLength(3);
  });

  it('reports unknown and duplicate entries of a pasted list', async () => {
    const list = 'alice@example.com\nW0ALICE, nobody@example.com\nW0NOPE\nbob@example.com\nbob@example.com';

    const confirmation = await formToConfirmation(target, '', { list });
    const text = collectText(confirmation.blocks);
    expect(text).toContain('2 people will be signed out');
    expect(text).toContain('Not found (2)');
    expect(text).toContain('`nobody@example.com` (no one in Slack has this address)');
    expect(text).toContain('`W0NOPE` (no one in Slack has this user ID)');
    expect(text).toContain('Removed 2 duplicates');
  });

  it('sends 2,500 people in three resetBulk calls and says queued', async () => {
    const ids = emulator.addGeneratedUsers(2500);

    const confirmation = await formToConfirmation(target, ids.join(' '), {});
    expect(collectText(confirmation.blocks)).toContain('2,500 people will be signed out');
    await confirmView(target, confirmation);

    const message = await waitForPost(emulator, 'W0ADMIN');
    expect(bulkSizes(emulator)).toEqual([1000, 1000, 500]);
    expect(emulator.callsTo(RESET)).toEqual([]);
    expect(collectText(message.args)).toContain('2500 of 2500 people queued for sign-out of all sessions');
    expect(emulator.sessionsOf(ids[2499] ?? '')).toEqual([]);

    const progress = emulator
      .callsTo('views.update')
      .filter((call) => collectText(call.args).includes('remaining'));
    expect(progress.length).toBeGreaterThan(0);

    const record = await waitForAuditRecord(db.dbPath, (item) => item.targetUserIds.length === 2500);
    expect(record.outcomes.every((outcome) => outcome.ok && outcome.queued === true)).toBe(true);
  });

  it('retries a failed chunk and fails only the person Slack names', async () => {
    const ids = emulator.addGeneratedUsers(1500);
    const badId = ids[1200] ?? '';
    emulator.failUser(badId, RESET_BULK, 'user_not_found');
    emulator.fault(RESET_BULK, { error: 'internal_error', times: 1 });

    const confirmation = await formToConfirmation(target, ids.join(','), {});
    await confirmView(target, confirmation);
    const message = await waitForPost(emulator, 'W0ADMIN');

    expect(bulkSizes(emulator)).toEqual([1000, 1000, 500]);
    expect(emulator.callsTo(RESET_BULK)[0]?.response).toMatchObject({ ok: false, error: 'internal_error' });
    const text = collectText(message.args);
    expect(text).toContain('1499 of 1500 people queued for sign-out of all sessions; 1 failed');
    expect(text).toContain(`<@${badId}>`);
    expect(findButton(message.args, 'bulk_retry_failed')).toBeDefined();
  });

  it('opens a confirmation for the failed people from Retry failed', async () => {
    const ids = emulator.addGeneratedUsers(30);
    emulator.failUser(ids[4] ?? '', RESET_BULK, 'user_not_found');
    const confirmation = await formToConfirmation(target, '', { list: ids.join('\n') });
    await confirmView(target, confirmation);
    const message = await waitForPost(emulator, 'W0ADMIN');
    const button = findButton(message.args, 'bulk_retry_failed');

    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      actions: [{ action_id: 'bulk_retry_failed', block_id: 'retry_failed', value: button?.value ?? '' }],
      triggerId: emulator.issueTriggerId(),
      channelId: 'D0ADMIN',
    });
    await emulator.waitFor(() => emulator.callsTo('views.open').length === 2);
    const retryView = [...emulator.views.values()].find((view) => view.callback_id === 'bulk_reset_confirm');
    expect(collectText(retryView?.blocks)).toContain('1 person will be signed out');
    expect(collectText(retryView?.blocks)).toContain('Retry of failures from');
  });

  it('waits for Retry-After when Slack answers 429', async () => {
    const ids = emulator.addGeneratedUsers(1200);
    emulator.fault(RESET_BULK, { status: 429, retryAfter: 1, times: 1 });

    const confirmation = await formToConfirmation(target, ids.join(' '), {});
    await confirmView(target, confirmation);
    await waitForPost(emulator, 'W0ADMIN');

    const [limited, retried] = emulator.callsTo(RESET_BULK);
    expect(limited?.status).toBe(429);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(bulkSizes(emulator).slice(1)).toEqual([1000, 200]);
    expect(target.app.logger.events('admin_rate_limited')).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: RESET_BULK, retry_after_s: 1 })]),
    );
  });

  it('makes no admin write in a dry run and says so', async () => {
    const ids = emulator.addGeneratedUsers(2500);

    const confirmation = await formToConfirmation(target, ids.join(' '), { dryRun: true });
    expect(confirmation.submit?.text).toBe('Start dry run');
    await confirmView(target, confirmation);
    const message = await waitForPost(emulator, 'W0ADMIN');

    expect(adminWrites(emulator)).toEqual([]);
    expect(collectText(message.args)).toContain('Dry run: 2500 of 2500 people would be signed out');
    const finalView = await waitForView(
      emulator,
      confirmation.id,
      (view) => view.title.text === 'Dry run finished',
    );
    expect(collectText(finalView.blocks)).toContain('nobody was signed out');
    const record = await waitForAuditRecord(db.dbPath, (item) => item.dryRun && item.status === 'completed');
    expect(record.outcomes).toHaveLength(2500);
  });

  it('runs a dry run from the picker with zero admin writes', async () => {
    const viewId = await openResetModal(target, '');
    const opened = emulator.views.get(viewId);
    if (opened === undefined) throw new Error('no modal');

    await submitView(target, opened, bulkSubmissionValues({ users: [ALICE_ID, BOB_ID], dryRun: true }));
    const message = await waitForPost(emulator, 'W0ADMIN');

    expect(adminWrites(emulator)).toEqual([]);
    expect(collectText(message.args)).toContain('would be signed out (dry run)');
  });

  it('records a refused confirmation in the audit trail', async () => {
    const confirmation = await formToConfirmation(target, '', {
      list: 'W0ALICE\nW0BOB',
      reason: 'refused confirm',
    });

    const response = await confirmAs(target, confirmation, MEMBER_ID);

    const body: unknown = JSON.parse(response.body);
    expect(body).toMatchObject({ response_action: 'update', view: { title: { text: 'Not allowed' } } });
    const record = await waitForAuditRecord(db.dbPath, (item) => item.requesterId === MEMBER_ID);
    expect(record.status).toBe('refused');
    expect(record.detail).toBe('not_listed');
    expect(record.source).toBe('modal');
    expect(record.reason).toBe('refused confirm');
    expect([...record.targetUserIds].sort()).toEqual([ALICE_ID, BOB_ID]);
    expect(adminWrites(emulator)).toEqual([]);
  });

  it('keeps a refused confirmation usable by its requester', async () => {
    const confirmation = await formToConfirmation(target, '', { list: 'W0ALICE\nW0BOB' });
    await confirmAs(target, confirmation, MEMBER_ID);

    await confirmView(target, confirmation);
    await waitForPost(emulator, ADMIN_ID);

    expect(adminWrites(emulator)).toHaveLength(2);
  });

  it('records a refused Retry failed press', async () => {
    const ids = emulator.addGeneratedUsers(30);
    emulator.failUser(ids[4] ?? '', RESET_BULK, 'user_not_found');
    const confirmation = await formToConfirmation(target, '', { list: ids.join('\n') });
    await confirmView(target, confirmation);
    const message = await waitForPost(emulator, ADMIN_ID);
    const correlationId = findButton(message.args, 'bulk_retry_failed')?.value ?? '';
    expect(correlationId).not.toBe('');
    const writes = adminWrites(emulator).length;
    const opened = emulator.callsTo('views.open').length;
    const responseUrl = emulator.createResponseUrl();
    const before = new Set((await readAuditRecords(db.dbPath)).map((record) => record.id));

    await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      userId: MEMBER_ID,
      responseUrl,
      actions: [{ action_id: 'bulk_retry_failed', block_id: 'retry_failed', value: correlationId }],
      triggerId: emulator.issueTriggerId(),
      channelId: 'D0ADMIN',
    });

    const reply = await waitForReply(emulator, responseUrl);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(collectText(reply)).toContain('You are not allowed to reset sessions.');
    const record = await waitForAuditRecord(db.dbPath, (item) => !before.has(item.id));
    expect(record.status).toBe('refused');
    expect(record.requesterId).toBe(MEMBER_ID);
    expect(record.detail).toBe(`not_listed (retry of failures from ${correlationId})`);
    expect(adminWrites(emulator)).toHaveLength(writes);
    expect(emulator.callsTo('views.open')).toHaveLength(opened);
  });
});

describe('bulk reset limits', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  const db = makeAuditDbDir('bulk-limits');

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    target = await startFlowApp(emulator, db.dbPath, { MAX_TARGETS_PER_REQUEST: '2', DRY_RUN: 'true' });
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await target.app.stop();
    await emulator.stop();
    db.remove();
  });

  it('refuses a request over MAX_TARGETS_PER_REQUEST and says how to raise it', async () => {
    emulator.addUsergroup('S0BIG', [ALICE_ID, BOB_ID, CAROL_ID]);

    const refused = await formToConfirmation(target, '<!subteam^S0BIG>', {});

    expect(refused.submit).toBeUndefined();
    expect(collectText(refused.blocks)).toContain(
      'one request may reset at most 2 (MAX_TARGETS_PER_REQUEST)',
    );
    expect(collectText(refused.blocks)).toContain('raise MAX_TARGETS_PER_REQUEST');
    expect(adminWrites(emulator)).toEqual([]);
    const record = await waitForAuditRecord(db.dbPath, (item) => item.status === 'rejected');
    expect(record.detail).toContain('max_targets_exceeded');
  });

  it('rejects too many picked people under the picker', async () => {
    const viewId = await openResetModal(target, '');
    const opened = emulator.views.get(viewId);
    if (opened === undefined) throw new Error('no modal');

    const response = await submitView(
      target,
      opened,
      bulkSubmissionValues({ users: [ALICE_ID, BOB_ID, CAROL_ID] }),
    );

    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'errors' });
    expect(response.body).toContain('MAX_TARGETS_PER_REQUEST');
    expect(adminWrites(emulator)).toEqual([]);
  });

  it('shows the app-wide dry run in the form and runs dry', async () => {
    const viewId = await openResetModal(target, '');
    const opened = emulator.views.get(viewId);
    if (opened === undefined) throw new Error('no modal');
    expect(collectText(opened.blocks)).toContain('DRY_RUN=true');

    await submitView(target, opened, bulkSubmissionValues({ users: [ALICE_ID] }));
    const message = await waitForPost(emulator, 'W0ADMIN');

    expect(adminWrites(emulator)).toEqual([]);
    expect(collectText(message.args)).toContain('Dry run');
    expect(postsTo(emulator, 'W0ADMIN')).toHaveLength(1);
  });
});
