import { OPEN_MODAL_FAILED_TEXT } from '../../src/messages/replies';
import { ADMIN_ID, ALICE_ID, type SlackEmulator } from '../emulator';
import { SIGNING_SECRET, type TestApp } from '../support/app-harness';
import { useAppUnderTest } from '../support/reset-flow';
import { lastDirectMessageTo, submitReset, waitForClosedRecord } from '../support/reset-runs';
import { linesWithSecrets } from '../support/secret-scan';
import { postSlashCommand } from '../support/slack-requests';

describe('modal and message faults', () => {
  let emulator: SlackEmulator;
  let app: TestApp;

  useAppUnderTest(
    'faults-views',
    (started) => {
      emulator = started.emulator;
      app = started.target.app;
    },
    { SLACK_REQUEST_TIMEOUT_MS: '500' },
  );

  /** Sends the command and returns the ephemeral texts posted to its response_url within `timeoutMs`. */
  async function commandReplies(timeoutMs: number): Promise<string[]> {
    const response = await postSlashCommand(app.eventsUrl, SIGNING_SECRET, {
      text: `<@${ALICE_ID}>`,
      trigger_id: emulator.issueTriggerId(),
      response_url: emulator.createResponseUrl(),
    });
    expect(response.status).toBe(200);

    await emulator.waitFor(() => emulator.responseUrlPosts.length > 0, timeoutMs);
    return emulator.responseUrlPosts.map((post) => JSON.stringify(post.body));
  }

  it('tells the admin to run the command again when views.open fails', async () => {
    emulator.fault('views.open', { error: 'internal_error' });

    const replies = await commandReplies(5_000);

    expect(replies).toEqual([expect.stringContaining(OPEN_MODAL_FAILED_TEXT)]);
  });

  it('tells the admin when views.open keeps answering HTTP 500', async () => {
    emulator.fault('views.open', { status: 500, times: Number.POSITIVE_INFINITY });

    const replies = await commandReplies(8_000);

    expect(replies).toEqual([expect.stringContaining(OPEN_MODAL_FAILED_TEXT)]);
    expect(emulator.callsTo('views.open')).toHaveLength(3);
  });

  it('tells the admin when views.open hangs', async () => {
    emulator.fault('views.open', { delayMs: 60_000, times: Number.POSITIVE_INFINITY });

    const replies = await commandReplies(8_000);

    expect(replies).toEqual([expect.stringContaining(OPEN_MODAL_FAILED_TEXT)]);
  });

  it('sends the outcome by direct message when views.update fails', async () => {
    emulator.fault('views.update', { error: 'not_found', times: Number.POSITIVE_INFINITY });

    await submitReset(app, { viewId: 'V0UPDATEFAIL', users: [ALICE_ID] });
    const record = await waitForClosedRecord(app, emulator, 'V0UPDATEFAIL');
    await emulator.waitFor(() => lastDirectMessageTo(emulator, ADMIN_ID) !== undefined);
    // The failure is logged once both the update and the message have settled.
    await emulator.waitFor(() => app.logger.events('views_update_failed').length > 0);

    expect(record.status).toBe('completed');
    expect(record.outcomes).toEqual([expect.objectContaining({ user_id: ALICE_ID, ok: true })]);
    expect(lastDirectMessageTo(emulator, ADMIN_ID)).toContain(String(record.correlation_id));
    expect(app.logger.events('views_update_failed')).toContainEqual(
      expect.objectContaining({ view_id: 'V0UPDATEFAIL', error: 'not_found' }),
    );
  });

  it('shows the outcome in the modal when the direct message fails', async () => {
    emulator.fault('chat.postMessage', { error: 'channel_not_found', times: Number.POSITIVE_INFINITY });

    await submitReset(app, { viewId: 'V0DMFAIL', users: [ALICE_ID] });
    const record = await waitForClosedRecord(app, emulator, 'V0DMFAIL');
    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);

    expect(record.status).toBe('completed');
    expect(JSON.stringify(emulator.callsTo('views.update')[0]?.args.view)).toContain(
      String(record.correlation_id),
    );
  });

  it('keeps tokens and the signing secret out of every log line', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});
