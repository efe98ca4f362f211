import { ALICE_ID, BOB_ID, type SlackEmulator } from '../emulator';
import type { TestApp } from '../support/app-harness';
import { useAppUnderTest } from '../support/reset-flow';
import { submitReset, waitForClosedRecord } from '../support/reset-runs';
import { linesWithSecrets } from '../support/secret-scan';

describe('duplicate view_submission deliveries', () => {
  let emulator: SlackEmulator;
  let app: TestApp;

  useAppUnderTest('faults-duplicate', (started) => {
    emulator = started.emulator;
    app = started.target.app;
  });

  function runsStartedFor(viewId: string): Record<string, unknown>[] {
    return app.logger.events('reset_started').filter((event) => event.view_id === viewId);
  }

  it('resets once when the same submission arrives twice at once', async () => {
    emulator.fault('admin.users.session.reset', { delayMs: 200 });

    const [first, second] = await Promise.all([
      submitReset(app, { viewId: 'V0TWICE01', hash: '7.twice', users: [ALICE_ID] }),
      submitReset(app, { viewId: 'V0TWICE01', hash: '7.twice', users: [ALICE_ID] }),
    ]);
    await waitForClosedRecord(app, emulator, 'V0TWICE01');

    expect(first.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(1);
    expect(runsStartedFor('V0TWICE01')).toHaveLength(1);
    expect(app.logger.events('duplicate_submission')).toContainEqual(
      expect.objectContaining({ view_id: 'V0TWICE01' }),
    );
  });

  it('answers a late duplicate with the outcome view', async () => {
    await submitReset(app, { viewId: 'V0LATE01', hash: '3.late', users: [BOB_ID] });
    await waitForClosedRecord(app, emulator, 'V0LATE01');

    const late = await submitReset(app, { viewId: 'V0LATE01', hash: '3.late', users: [BOB_ID] });

    expect(JSON.parse(late.body)).toMatchObject({
      response_action: 'update',
      view: { title: { text: 'Reset finished' } },
    });
    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(1);
    expect(runsStartedFor('V0LATE01')).toHaveLength(1);
  });

  it('takes a corrected form after validation errors', async () => {
    const rejected = await submitReset(app, {
      viewId: 'V0FIXED01',
      hash: '5.fixed',
      users: [ALICE_ID],
      reason: ' ',
    });
    expect(JSON.parse(rejected.body)).toMatchObject({ response_action: 'errors' });

    await submitReset(app, {
      viewId: 'V0FIXED01',
      hash: '5.fixed',
      users: [ALICE_ID],
      reason: 'stolen laptop',
    });
    await waitForClosedRecord(app, emulator, 'V0FIXED01');

    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(1);
  });

  it('treats a new hash of the same view as a new submission', async () => {
    await submitReset(app, { viewId: 'V0REHASH01', hash: '1.first', users: [ALICE_ID] });
    await submitReset(app, { viewId: 'V0REHASH01', hash: '2.second', users: [ALICE_ID] });
    await emulator.waitFor(() => emulator.callsTo('admin.users.session.reset').length === 2);

    expect(runsStartedFor('V0REHASH01')).toHaveLength(2);
  });

  it('keeps tokens and the signing secret out of every log line', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});
