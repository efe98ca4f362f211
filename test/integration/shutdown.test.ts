import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditRecord } from '../../src/audit/audit-store';
import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';
import { RESTARTING_TEXT } from '../../src/messages/replies';
import { ADMIN_TOKEN, BOT_TOKEN, SlackEmulator } from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import { type ChildApp, startChildApp } from '../support/child-app';
import { linesWithSecrets } from '../support/secret-scan';
import { postSlashCommand, postViewSubmission, resetSubmissionValues } from '../support/slack-requests';

/** SIGTERM while a reset runs, with the app as a child process started the way production starts it. */
describe('graceful shutdown', () => {
  let emulator: SlackEmulator;
  let dataDir: string;
  let dbPath: string;
  let child: ChildApp | undefined;

  beforeEach(async () => {
    emulator = await SlackEmulator.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shutdown-'));
    dbPath = path.join(dataDir, 'audit.sqlite3');
  });

  afterEach(async () => {
    await child?.kill('SIGKILL');
    child = undefined;
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function startApp(shutdownTimeoutMs: number): Promise<ChildApp> {
    child = await startChildApp({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ALLOWED_USER_IDS: 'W0ADMIN',
      AUDIT_DB_PATH: dbPath,
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    });
    return child;
  }

  /** Structured events the child logged, by `event` name. */
  function events(app: ChildApp, name: string): Record<string, unknown>[] {
    return app
      .output()
      .split('\n')
      .map((line) => line.slice(line.indexOf('{')))
      .filter((json) => json.startsWith(`{"event":"${name}"`))
      .map((json): Record<string, unknown> => JSON.parse(json));
  }

  async function waitForEvent(app: ChildApp, name: string): Promise<void> {
    await emulator.waitFor(() => events(app, name).length > 0, 10_000);
  }

  async function submit(app: ChildApp, users: string[]): Promise<void> {
    const response = await postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
      viewId: 'V0SHUTDOWN1',
      values: resetSubmissionValues({ users, scope: 'all', reason: 'shutdown test' }),
    });
    expect(response.status).toBe(200);
    await waitForEvent(app, 'reset_started');
  }

  async function storedRecords(): Promise<AuditRecord[]> {
    const store = SqliteAuditStore.open(dbPath, { fileMustExist: true });
    try {
      return (await store.listHistory({ limit: 10, offset: 0 })).records;
    } finally {
      await store.close();
    }
  }

  it('finishes a running reset, then exits 0', async () => {
    const app = await startApp(5_000);
    emulator.fault('admin.users.session.reset', { delayMs: 1_000 });
    await submit(app, ['W0ALICE']);

    const exited = app.kill('SIGTERM');
    await waitForEvent(app, 'shutdown_started');

    expect(await exited).toEqual({ code: 0, signal: null });
    const [stored] = await storedRecords();
    expect(stored?.status).toBe('completed');
    expect(stored?.outcomes).toEqual([expect.objectContaining({ userId: 'W0ALICE', ok: true })]);
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(1);
    expect(events(app, 'shutdown_finished')).toEqual([{ event: 'shutdown_finished', drained: true }]);
  });

  it('turns away a command that arrives while draining', async () => {
    const app = await startApp(5_000);
    emulator.fault('admin.users.session.reset', { delayMs: 1_500 });
    await submit(app, ['W0ALICE']);

    const exited = app.kill('SIGTERM');
    await waitForEvent(app, 'shutdown_started');
    const response = await postSlashCommand(app.eventsUrl, SIGNING_SECRET, {
      text: '<@W0BOB>',
      trigger_id: emulator.issueTriggerId(),
      response_url: emulator.createResponseUrl(),
    });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ text: RESTARTING_TEXT });
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(emulator.callsTo('views.open')).toEqual([]);
  });

  it('skips people not reached when the wait runs out', async () => {
    const app = await startApp(300);
    const users = emulator.addGeneratedUsers(8);
    emulator.fault('admin.users.session.reset', { delayMs: 800, times: Number.POSITIVE_INFINITY });
    await submit(app, users);

    expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    const [stored] = await storedRecords();
    expect(stored?.status).toBe('completed');
    expect(stored?.outcomes.filter((outcome) => outcome.ok)).toHaveLength(4);
    expect(stored?.outcomes.filter((outcome) => outcome.error === 'shutting_down')).toHaveLength(4);
    expect(emulator.callsTo('admin.users.session.reset')).toHaveLength(4);
  });

  it('records a hung run as interrupted, then exits 0', async () => {
    const app = await startApp(300);
    let resetCallsSent = 0;
    emulator.fault('admin.users.session.reset', {
      delayMs: 60_000,
      times: Number.POSITIVE_INFINITY,
      match: () => {
        resetCallsSent += 1;
        return true;
      },
    });
    await submit(app, emulator.addGeneratedUsers(6));
    await emulator.waitFor(() => resetCallsSent === 4);

    expect(await app.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    const [stored] = await storedRecords();
    expect(stored?.status).toBe('interrupted');
    expect(resetCallsSent).toBe(4);
    expect(events(app, 'shutdown_timed_out')).toEqual([expect.objectContaining({ interrupted: 1 })]);
  });

  it('keeps tokens and the signing secret out of the output', async () => {
    const app = await startApp(1_000);
    await submit(app, ['W0ALICE']);
    await app.kill('SIGTERM');

    expect(linesWithSecrets(app.output().split('\n'))).toEqual([]);
  });
});
