import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../../src/startup-errors';
import { ADMIN_TOKEN, BOT_TOKEN, type SlackEmulator } from '../emulator';
import { SIGNING_SECRET, startTestApp } from '../support/app-harness';
import { runChildAppToExit } from '../support/child-app';
import { closedPort } from '../support/closed-port';
import { useEmulatorWithDb } from '../support/reset-flow';

describe('start-up errors', () => {
  let emulator: SlackEmulator;
  let dir: string;
  let dbPath: string;

  useEmulatorWithDb('startup-errors', (started, db) => {
    emulator = started;
    dir = db.dir;
    dbPath = db.dbPath;
  });

  /** Starts the app in-process and returns the error it stops with. */
  async function startError(env: Record<string, string>): Promise<Error> {
    try {
      const app = await startTestApp(emulator.apiUrl, { AUDIT_DB_PATH: dbPath, ...env });
      await app.stop();
    } catch (error) {
      if (error instanceof Error) {
        return error;
      }
      throw error;
    }
    throw new Error('The app started, but a start-up error was expected.');
  }

  it('keeps "rejected" for an auth.test error', async () => {
    const error = await startError({ SLACK_BOT_TOKEN: 'xoxb-unknown' });

    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toBe(
      `SLACK_BOT_TOKEN was rejected by auth.test at ${emulator.apiUrl} (invalid_auth). Check the token and SLACK_API_URL.`,
    );
  });

  it('names SLACK_API_URL when Slack cannot be reached', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;

    const error = await startError({ SLACK_API_URL: apiUrl });

    expect(error.message).toContain(`Could not reach SLACK_API_URL (${apiUrl}): `);
    expect(error.message).toContain('so SLACK_BOT_TOKEN could not be checked with auth.test');
    expect(error.message).not.toContain('rejected');
  });

  it('names SLACK_API_URL on an HTTP error', async () => {
    emulator.fault('auth.test', { status: 502, times: 3 });

    const error = await startError({});

    expect(error.message).toContain(`Could not reach SLACK_API_URL (${emulator.apiUrl}): HTTP 502`);
  });

  it('names SLACK_APP_TOKEN when apps.connections.open rejects it', async () => {
    const error = await startError({ SLACK_SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xapp-unknown' });

    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toContain(
      `SLACK_APP_TOKEN was rejected by apps.connections.open at ${emulator.apiUrl} (invalid_auth).`,
    );
    expect(error.message).toContain('connections:write');
  });

  it('names PORT and HOST when the port is in use', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const address = taken.address();
    const port = address !== null && typeof address === 'object' ? address.port : 0;

    try {
      const error = await startError({ PORT: String(port) });

      expect(error).toBeInstanceOf(StartupError);
      expect(error.message).toContain(`PORT ${port} on HOST 127.0.0.1 is already in use (EADDRINUSE)`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('names AUDIT_DB_PATH when the database cannot be opened', async () => {
    const notAFolder = path.join(dir, 'plain-file');
    fs.writeFileSync(notAFolder, '');
    const badPath = path.join(notAFolder, 'audit.sqlite3');

    const error = await startError({ AUDIT_DB_PATH: badPath });

    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toContain(`The audit database could not be opened at AUDIT_DB_PATH=${badPath}: `);
    expect(error.message).toContain(`mkdir '${notAFolder}'`);
  });

  it('warns when both allowlists are empty', async () => {
    const app = await startTestApp(emulator.apiUrl, { AUDIT_DB_PATH: dbPath, ALLOWED_USER_IDS: '' });
    await app.stop();

    const [warning] = app.logger.events('allowlist_empty');
    expect(warning?.message).toContain('ALLOWED_USER_IDS and ALLOWED_USERGROUP_IDS are both empty');
  });

  it('does not warn when an allowlist is set', async () => {
    const app = await startTestApp(emulator.apiUrl, { AUDIT_DB_PATH: dbPath });
    await app.stop();

    expect(app.logger.events('allowlist_empty')).toEqual([]);
  });
});

describe('start-up against an unreachable Slack', () => {
  it('stops quickly and names the cause', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'startup-unreachable-'));

    try {
      const result = await runChildAppToExit({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: apiUrl,
        ALLOWED_USER_IDS: 'W0ADMIN',
        AUDIT_DB_PATH: path.join(dir, 'audit.sqlite3'),
        PORT: '0',
      });

      expect(result.code).toBe(1);
      expect(result.output).toContain(`Could not reach SLACK_API_URL (${apiUrl}): ECONNREFUSED`);
      expect(result.output).toContain('The app did not start.');
      expect(result.elapsedMs).toBeLessThan(15_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
