import { describeError } from '../../src/messages/error-messages';
import { ALICE_ID, BOB_ID, type SlackEmulator } from '../emulator';
import type { TestApp } from '../support/app-harness';
import { useAppUnderTest } from '../support/reset-flow';
import { lastDirectMessageTo, submitReset, waitForClosedRecord } from '../support/reset-runs';
import { linesWithSecrets } from '../support/secret-scan';

/** Per-attempt timeout the app gets here, so a hung call is reported within seconds. */
const REQUEST_TIMEOUT_MS = 500;
/** One try plus 3 retries of 500 ms each, and backoff of 0.5 + 1 + 2 s, with room for a slow machine. */
const BOUNDED_MS = 4 * REQUEST_TIMEOUT_MS + 3_500 + 3_000;

describe('admin call faults', () => {
  let emulator: SlackEmulator;
  let app: TestApp;
  let nextView = 1;

  useAppUnderTest(
    'faults-admin',
    (started) => {
      emulator = started.emulator;
      app = started.target.app;
    },
    { SLACK_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  );

  /** Submits a reset of `users` on a new view id and returns its closed audit record and how long it took. */
  async function runReset(users: string[]) {
    const viewId = `V0FAULT${String(nextView++).padStart(4, '0')}`;
    const startedAt = Date.now();
    const ack = await submitReset(app, { viewId, users });
    const record = await waitForClosedRecord(app, emulator, viewId);
    await emulator.waitFor(() => lastDirectMessageTo(emulator, 'W0ADMIN') !== undefined);
    return { ack, record, viewId, elapsedMs: Date.now() - startedAt };
  }

  function resetCalls() {
    return emulator.callsTo('admin.users.session.reset');
  }

  it('waits out one 429 and then resets', async () => {
    emulator.fault('admin.users.session.reset', { status: 429, retryAfter: 1 });

    const { record } = await runReset([ALICE_ID]);

    expect(record.status).toBe('completed');
    expect(record.outcomes).toEqual([expect.objectContaining({ user_id: ALICE_ID, ok: true })]);
    expect(resetCalls().map((call) => call.status)).toEqual([429, 200]);
  });

  it('reports ratelimited when every retry gets 429', async () => {
    emulator.fault('admin.users.session.reset', {
      status: 429,
      retryAfter: 1,
      times: Number.POSITIVE_INFINITY,
    });

    const { record, elapsedMs } = await runReset([ALICE_ID]);

    expect(record.status).toBe('completed');
    expect(record.outcomes).toEqual([expect.objectContaining({ ok: false, error: 'ratelimited' })]);
    expect(lastDirectMessageTo(emulator, 'W0ADMIN')).toContain(describeError('ratelimited'));
    expect(resetCalls()).toHaveLength(4);
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  it('retries an HTTP 500 and then resets', async () => {
    emulator.fault('admin.users.session.reset', { status: 500 });

    const { record } = await runReset([ALICE_ID]);

    expect(record.outcomes).toEqual([expect.objectContaining({ ok: true })]);
    expect(resetCalls().map((call) => call.status)).toEqual([500, 200]);
  });

  it('reports http_error when HTTP 500 persists', async () => {
    emulator.fault('admin.users.session.reset', { status: 500, times: Number.POSITIVE_INFINITY });

    const { record, elapsedMs } = await runReset([ALICE_ID]);

    expect(record.status).toBe('completed');
    expect(record.outcomes).toEqual([expect.objectContaining({ ok: false, error: 'http_error' })]);
    expect(lastDirectMessageTo(emulator, 'W0ADMIN')).toContain(describeError('http_error'));
    expect(resetCalls()).toHaveLength(4);
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  it('reports request_failed when the connection drops', async () => {
    emulator.fault('admin.users.session.reset', { destroySocket: true, times: Number.POSITIVE_INFINITY });

    const { record, elapsedMs } = await runReset([ALICE_ID]);

    expect(record.outcomes).toEqual([expect.objectContaining({ ok: false, error: 'request_failed' })]);
    expect(lastDirectMessageTo(emulator, 'W0ADMIN')).toContain(describeError('request_failed'));
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  it('times out a hung call and updates the modal', async () => {
    emulator.fault('admin.users.session.reset', { delayMs: 60_000, times: Number.POSITIVE_INFINITY });

    const { record, viewId, elapsedMs } = await runReset([ALICE_ID]);

    expect(record.outcomes).toEqual([expect.objectContaining({ ok: false, error: 'request_timeout' })]);
    const update = emulator.callsTo('views.update').find((call) => call.args.view_id === viewId);
    expect(JSON.stringify(update?.args.view)).toContain(describeError('request_timeout'));
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  it('records the other people when one call hangs', async () => {
    emulator.fault('admin.users.session.reset', {
      delayMs: 60_000,
      times: Number.POSITIVE_INFINITY,
      match: (args) => args.user_id === ALICE_ID,
    });

    const { record } = await runReset([ALICE_ID, BOB_ID]);

    expect(record.outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: ALICE_ID, ok: false, error: 'request_timeout' }),
        expect.objectContaining({ user_id: BOB_ID, ok: true }),
      ]),
    );
  });

  it('keeps tokens and the signing secret out of every log line', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});
