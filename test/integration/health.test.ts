import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { closeServer, type HealthSource, startHealthServer } from '../../src/http/health';
import { ALICE_ID, SlackEmulator } from '../emulator';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { linesWithSecrets, TEST_SECRETS } from '../support/secret-scan';
import { postViewSubmission, resetSubmissionValues } from '../support/slack-requests';
import { MemoryLogger } from '../support/test-logger';

function healthUrl(port: number | undefined): string {
  return `http://127.0.0.1:${port}/healthz`;
}

describe('GET /healthz in HTTP mode', () => {
  let emulator: SlackEmulator;
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-'));
    app = await startTestApp(emulator.apiUrl, {
      AUDIT_DB_PATH: path.join(dataDir, 'audit.sqlite3'),
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    emulator.reset();
  });

  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports ok with counters only', async () => {
    const response = await fetch(healthUrl(app.running.healthPort));
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      status: 'ok',
      mode: 'http',
      in_flight: 0,
      uptime_s: expect.any(Number),
    });
    expect(TEST_SECRETS.filter((secret) => text.includes(secret))).toEqual([]);
  });

  it('calls neither Slack nor the audit database', async () => {
    await fetch(healthUrl(app.running.healthPort));

    expect(emulator.calls).toEqual([]);
    expect(app.logger.events('audit')).toEqual([]);
  });

  it('answers only GET', async () => {
    const response = await fetch(healthUrl(app.running.healthPort), { method: 'POST' });

    expect(response.status).toBe(404);
  });

  it('reports stopping with 503 while a run drains', async () => {
    emulator.fault('admin.users.session.reset', { delayMs: 1_000 });
    await postViewSubmission(app.eventsUrl, SIGNING_SECRET, {
      viewId: 'V0HEALTH001',
      values: resetSubmissionValues({ users: [ALICE_ID], scope: 'all', reason: 'health check' }),
    });
    await emulator.waitFor(() => isRunning(app));

    const stopped = app.stop();
    const response = await fetch(healthUrl(app.running.healthPort));
    const body: unknown = await response.json();
    await stopped;

    expect(response.status).toBe(503);
    expect(body).toMatchObject({ status: 'stopping', in_flight: 1 });
  });

  it('keeps secrets out of the log', () => {
    expect(linesWithSecrets(app.logger.lines)).toEqual([]);
  });
});

function isRunning(app: TestApp): boolean {
  return app.logger.events('reset_started').length === 1;
}

describe('health server for Socket Mode', () => {
  let server: Server;
  let accepting: boolean;

  beforeEach(async () => {
    accepting = true;
    const source: HealthSource = {
      mode: 'socket',
      startedAt: Date.now(),
      isAccepting: () => accepting,
      inFlight: () => 2,
    };
    server = await startHealthServer(source, 0, '127.0.0.1', new MemoryLogger());
  });

  afterEach(async () => {
    await closeServer(server);
  });

  function port(): number {
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('The health server is not listening on a port.');
    }
    return address.port;
  }

  it('reports ok in socket mode', async () => {
    const response = await fetch(healthUrl(port()));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', mode: 'socket', in_flight: 2 });
  });

  it('reports stopping with 503', async () => {
    accepting = false;
    const response = await fetch(healthUrl(port()));

    expect(response.status).toBe(503);
  });

  it('answers other paths with 404', async () => {
    const response = await fetch(`http://127.0.0.1:${port()}/slack/events`);

    expect(response.status).toBe(404);
  });
});
