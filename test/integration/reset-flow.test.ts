import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_TOKEN, ALICE_ID, BOB_ID, SlackEmulator } from '../emulator';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { postSlashCommand, postViewSubmission, resetSubmissionValues } from '../support/slack-requests';

describe('reset flow over HTTP', () => {
  let emulator: SlackEmulator;
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reset-flow-'));
    app = await startTestApp(emulator.apiUrl, { AUDIT_DB_PATH: path.join(dataDir, 'audit.sqlite3') });
  });

  afterAll(async () => {
    await app.stop();
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the modal prefilled from mentions', async () => {
    const response = await postSlashCommand(app.eventsUrl, SIGNING_SECRET, {
      text: `<@${ALICE_ID}|alice> ${BOB_ID}`,
      trigger_id: emulator.issueTriggerId(),
      response_url: emulator.createResponseUrl(),
    });
    expect(response.status).toBe(200);

    await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);
    const [open] = emulator.callsTo('views.open');
    expect(open?.response).toMatchObject({ ok: true });
    expect(JSON.stringify(open?.args)).toContain(`"initial_users":["${ALICE_ID}","${BOB_ID}"]`);
  });

  it('resets each person with the admin token on submit', async () => {
    const response = await postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
      values: resetSubmissionValues({ users: [ALICE_ID, BOB_ID], scope: 'mobile', reason: 'lost phone' }),
      privateMetadata: JSON.stringify({ channel_id: 'C0GENERAL' }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'update' });

    await emulator.waitFor(() => emulator.callsTo('chat.postMessage').length === 1);
    const resets = emulator.callsTo('admin.users.session.reset');
    expect(resets.map((call) => call.args.user_id).sort()).toEqual([ALICE_ID, BOB_ID].sort());
    expect(resets.every((call) => call.token === ADMIN_TOKEN)).toBe(true);
    expect(
      resets.every((call) => String(call.args.mobile_only) === 'true' && call.args.web_only === undefined),
    ).toBe(true);
  });
});
