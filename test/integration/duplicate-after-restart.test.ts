import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';
import { submissionKey } from '../../src/flows/submission-ledger';
import { ADMIN_ID, ALICE_ID, BOB_ID, SlackEmulator } from '../emulator';
import {
  type AuditDbDir,
  type FlowTarget,
  makeAuditDbDir,
  readAuditRecords,
  startFlowApp,
} from '../support/reset-flow';
import { submitReset, waitForClosedRecord } from '../support/reset-runs';

describe('duplicate view_submission after a restart', () => {
  let emulator: SlackEmulator;
  let db: AuditDbDir;
  let target: FlowTarget | undefined;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir('duplicate-after-restart');
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterEach(async () => {
    await target?.app.stop();
    target = undefined;
  });

  afterAll(async () => {
    await emulator.stop();
    db.remove();
  });

  /** Stops the running app, if any, and starts a new one on the same audit database. */
  async function restartApp(): Promise<FlowTarget> {
    await target?.app.stop();
    target = await startFlowApp(emulator, db.dbPath);
    return target;
  }

  it('resets once and shows the stored outcome', async () => {
    const first = await restartApp();
    const submission = { viewId: 'V0RESTART1', hash: '4.restart', users: [ALICE_ID] };
    await submitReset(first.app, submission);
    const closed = await waitForClosedRecord(first.app, emulator, 'V0RESTART1');

    const second = await restartApp();
    const repeated = await submitReset(second.app, submission);

    expect(JSON.parse(repeated.body)).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Reset finished' } },
    });
    expect(repeated.body).toContain(String(closed.correlation_id));
    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(1);
    expect(await readAuditRecords(db.dbPath, ALICE_ID)).toHaveLength(1);
    expect(second.app.logger.events('reset_started')).toHaveLength(0);
  });

  it('answers an interrupted run with its correlation ID', async () => {
    const seeded = SqliteAuditStore.open(db.dbPath);
    await seeded.beginRequest({
      id: 'req-interrupted',
      action: 'reset',
      requesterId: ADMIN_ID,
      teamId: null,
      enterpriseId: null,
      targetUserIds: [BOB_ID],
      scope: 'all',
      reason: 'fault test',
      dryRun: false,
      source: 'modal',
      submissionKey: submissionKey('V0RESTART2', '9.interrupted'),
      createdAt: new Date(),
    });
    await seeded.close();

    const restarted = await restartApp();
    const repeated = await submitReset(restarted.app, {
      viewId: 'V0RESTART2',
      hash: '9.interrupted',
      users: [BOB_ID],
    });

    expect(JSON.parse(repeated.body)).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Already submitted' } },
    });
    expect(repeated.body).toContain('req-interrupted');
    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(0);
    expect(await readAuditRecords(db.dbPath, BOB_ID)).toHaveLength(1);
  });
});
