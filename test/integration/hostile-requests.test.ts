import { Readable } from 'node:stream';
import { APP_ID, type SlackEmulator } from '../emulator';
import { SIGNING_SECRET, type TestApp } from '../support/app-harness';
import { useAppUnderTest } from '../support/reset-flow';
import { linesWithSecrets } from '../support/secret-scan';
import {
  type DeliveryOptions,
  postBlockActions,
  postSigned,
  postSlashCommand,
  postViewSubmission,
  resetSubmissionValues,
  signRequest,
} from '../support/slack-requests';

/** Text placed in every hostile body, so a test can prove the body never reached a log line. */
const BODY_MARKER = 'hostile-body-marker-7f3a';

describe('hostile requests', () => {
  let emulator: SlackEmulator;
  let app: TestApp;

  // The emulator is reset before each test, which also clears the start-up auth.test calls, so each test
  // checks only the calls its own request caused.
  useAppUnderTest(
    'hostile',
    (started) => {
      emulator = started.emulator;
      app = started.target.app;
    },
    { SLACK_APP_ID: APP_ID },
  );

  function sendCommand(options: DeliveryOptions, fields: Record<string, string> = {}) {
    return postSlashCommand(
      app.eventsUrl,
      SIGNING_SECRET,
      {
        text: `<@W0ALICE> ${BODY_MARKER}`,
        trigger_id: emulator.issueTriggerId(),
        response_url: emulator.createResponseUrl(),
        ...fields,
      },
      options,
    );
  }

  /** Gives a listener that wrongly ran time to reach Slack, then checks that nothing did. */
  async function expectNoListenerRan(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(emulator.calls).toEqual([]);
    expect(emulator.responseUrlPosts).toEqual([]);
  }

  function rejectionsLogged(reason: string): Record<string, unknown>[] {
    return app.logger.events('request_rejected').filter((event) => event.reason === reason);
  }

  it.each([
    ['wrong-secret', 'signature_mismatch'],
    ['tampered-body', 'signature_mismatch'],
    ['stale-timestamp', 'stale_timestamp'],
    ['future-timestamp', 'future_timestamp'],
    ['missing-headers', 'missing_signature_headers'],
  ] as const)('rejects %s with 401', async (signature, reason) => {
    const response = await sendCommand({ signature });

    expect(response.status).toBe(401);
    await expectNoListenerRan();
    expect(rejectionsLogged(reason).length).toBeGreaterThan(0);
  });

  it('rejects a timestamp that is not a number', async () => {
    const body = `text=${BODY_MARKER}`;
    const signed = signRequest(body, SIGNING_SECRET);
    const response = await postSigned(
      app.eventsUrl,
      body,
      SIGNING_SECRET,
      'application/x-www-form-urlencoded',
      {
        headers: { 'X-Slack-Signature': signed['X-Slack-Signature'], 'X-Slack-Request-Timestamp': 'soon' },
      },
    );

    expect(response.status).toBe(401);
    expect(rejectionsLogged('invalid_timestamp').length).toBeGreaterThan(0);
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const body = `text=${BODY_MARKER}${'x'.repeat(2 * 1024 * 1024)}`;
    const response = await postSigned(
      app.eventsUrl,
      body,
      SIGNING_SECRET,
      'application/x-www-form-urlencoded',
    );

    expect(response.status).toBe(413);
    await expectNoListenerRan();
    expect(rejectionsLogged('body_too_large').length).toBeGreaterThan(0);
  });

  it('rejects a streamed body over 1 MiB with 413', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const chunks = Array.from({ length: 40 }, () => chunk);
    const response = await fetch(app.eventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Readable.toWeb(Readable.from(chunks)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    await expectNoListenerRan();
  });

  it('logs rejections without the body or the signature', async () => {
    const response = await sendCommand({ signature: 'wrong-secret' });
    expect(response.status).toBe(401);

    const logged = app.logger.lines.join('\n');
    expect(logged).not.toContain(BODY_MARKER);
    expect(logged).not.toContain('v0=');
  });

  it('answers an unsigned ssl_check without running a listener', async () => {
    const response = await fetch(app.eventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy',
    });

    expect(response.status).toBe(200);
    await expectNoListenerRan();
  });

  it('still accepts a correctly signed command', async () => {
    const response = await sendCommand({});

    expect(response.status).toBe(200);
    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
  });

  it('ignores a command addressed to another app', async () => {
    const response = await sendCommand({}, { api_app_id: 'A0OTHERAPP' });

    expect(response.status).toBe(200);
    await expectNoListenerRan();
    expect(app.logger.events('payload_ignored')).toContainEqual(
      expect.objectContaining({ reason: 'other_app', api_app_id: 'A0OTHERAPP' }),
    );
  });

  it('ignores a view_submission addressed to another app', async () => {
    const payload = {
      type: 'view_submission',
      api_app_id: 'A0OTHERAPP',
      user: { id: 'W0ADMIN', team_id: 'T0WORK1' },
      team: null,
      view: {
        id: 'V0FOREIGN01',
        callback_id: 'reset_sessions',
        hash: '1.foreign',
        private_metadata: '',
        blocks: [],
        state: { values: resetSubmissionValues({ users: ['W0ALICE'], scope: 'all', reason: 'x' }) },
      },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const response = await postSigned(
      app.eventsUrl,
      body,
      SIGNING_SECRET,
      'application/x-www-form-urlencoded',
    );

    expect(response.status).toBe(200);
    await expectNoListenerRan();
  });

  it('ignores a view_submission with an unknown callback_id', async () => {
    const response = await postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
      callbackId: 'retired_modal',
      values: resetSubmissionValues({ users: ['W0ALICE'], scope: 'all', reason: 'old form' }),
    });

    expect(response.status).toBe(404);
    expect(emulator.callsTo('admin.users.session.reset')).toEqual([]);
    expect(app.logger.events('request_not_acknowledged').length).toBeGreaterThan(0);
  });

  it('ignores block_actions from an old view', async () => {
    const response = await postBlockActions(app.eventsUrl, SIGNING_SECRET, {
      view: { id: 'V0OLDVIEW01', callback_id: 'reset_sessions_v0', hash: '1.stale' },
      actions: [{ action_id: 'confirm_reset_v0', block_id: 'old_block', value: 'W0ALICE' }],
    });

    expect(response.status).toBe(404);
    expect(emulator.calls).toEqual([]);
  });

  it('keeps tokens and the signing secret out of every log line', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});
