import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { ADMIN_ID, APP_ID, MEMBER_ID, SlackEmulator } from '../emulator';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { commandText, resetFormValues } from '../support/fuzz-inputs';
import { linesWithSecrets } from '../support/secret-scan';
import { postSlashCommand, postViewSubmission, type StateValues } from '../support/slack-requests';

/** Admin methods that change sessions; a slash command alone must never cause one. */
const WRITE_METHODS = [
  'admin.users.session.reset',
  'admin.users.session.resetBulk',
  'admin.users.session.invalidate',
];

/** Mostly the allowed admin, so that many submissions get as far as admin calls. */
const requester = fc.oneof(
  { arbitrary: fc.constant(ADMIN_ID), weight: 3 },
  { arbitrary: fc.constant(MEMBER_ID), weight: 1 },
  { arbitrary: fc.stringMatching(/^W[A-Z0-9]{2,9}$/), weight: 1 },
);

describe('signed requests with random text', () => {
  let emulator: SlackEmulator;
  let app: TestApp;
  let dataDir: string;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', recordUnhandled);
    emulator = await SlackEmulator.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-http-'));
    app = await startTestApp(emulator.apiUrl, {
      AUDIT_DB_PATH: path.join(dataDir, 'audit.sqlite3'),
      SLACK_APP_ID: APP_ID,
      // The fuzzed runs together make hundreds of reset calls; the default pacing of 20 a minute would stall them.
      ADMIN_CALLS_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await app.stop();
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.off('unhandledRejection', recordUnhandled);
  });

  function writeCalls() {
    return emulator.calls.filter((call) => WRITE_METHODS.includes(call.method));
  }

  it('answers every command and never writes from it', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, requester, async (text, userId) => {
        const triggerId = emulator.issueTriggerId();
        const responseUrl = emulator.createResponseUrl();
        const writesBefore = writeCalls().length;

        const response = await postSlashCommand(app.eventsUrl, SIGNING_SECRET, {
          text,
          user_id: userId,
          trigger_id: triggerId,
          response_url: responseUrl,
        });

        expect(response.status).toBe(200);
        // A command is handled once Slack accepted its modal, or a reply reached its response_url.
        await emulator.waitFor(() => {
          const opened = emulator
            .callsTo('views.open')
            .some((call) => call.args.trigger_id === triggerId && call.status === 200);
          const replied = emulator.responseUrlPosts.some((post) => responseUrl.endsWith(post.id));
          return opened || replied;
        }, 5_000);
        expect(writeCalls().length).toBe(writesBefore);
      }),
      { numRuns: 40 },
    );
  });

  it('resets only valid, selected people for an allowed submitter', async () => {
    let viewNumber = 0;
    await fc.assert(
      fc.asyncProperty(resetFormValues, requester, async (values, userId) => {
        viewNumber += 1;
        const viewId = `V0FUZZ${String(viewNumber).padStart(5, '0')}`;
        const resetsBefore = emulator.callsTo('admin.users.session.reset').length;

        const response = await postViewSubmission(app.eventsUrl, SIGNING_SECRET, { viewId, userId, values });

        expect(response.status).toBe(200);
        const ack: unknown = JSON.parse(response.body);
        expect(ack).toMatchObject({ response_action: expect.stringMatching(/^(errors|update)$/) });

        const started = app.logger.events('reset_started').some((event) => event.view_id === viewId);
        if (started) {
          await emulator.waitFor(() => finished(app, viewId), 10_000);
        }
        const resets = emulator.callsTo('admin.users.session.reset').slice(resetsBefore);
        const selected = selectedUsers(values);
        expect(resets.filter((call) => !selected.includes(String(call.args.user_id)))).toEqual([]);
        expect(resets.filter((call) => !/^[UW][A-Z0-9]{2,}$/.test(String(call.args.user_id)))).toEqual([]);
        if (userId !== ADMIN_ID) {
          expect(resets).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
    expect(app.logger.events('reset_started').length).toBeGreaterThan(0);
  });

  it('raises no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });

  it('logs no unexpected error', () => {
    const errors = app.logger.lines.filter((line) => line.startsWith('[error]'));
    expect(errors.filter((line) => !line.includes('"event":"views_open_failed"'))).toEqual([]);
  });

  it('keeps tokens and the signing secret out of every log line', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});

function selectedUsers(values: StateValues): string[] {
  return values.targets?.users?.selected_users ?? [];
}

function finished(app: TestApp, viewId: string): boolean {
  const started = app.logger.events('reset_started').find((event) => event.view_id === viewId);
  return app.logger.events('audit').some((event) => event.correlation_id === started?.correlation_id);
}
