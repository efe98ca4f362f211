import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALICE_ID, BOB_ID, BOT_ACCOUNT_ID, CAROL_ID, SlackEmulator } from '../emulator';
import { outputRows, runCli } from '../support/cli-process';
import { readAuditRecords } from '../support/reset-flow';

const RESET = 'admin.users.session.reset';
const RESET_BULK = 'admin.users.session.resetBulk';

describe('reset-sessions command-line tool', () => {
  let emulator: SlackEmulator;
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    dbPath = path.join(dir, 'audit.sqlite3');
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function csv(name: string, rows: string[]): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    return file;
  }

  function cli(args: string[], env: Record<string, string> = {}) {
    return runCli(args, { apiUrl: emulator.apiUrl, cwd: dir, env: { AUDIT_DB_PATH: dbPath, ...env } });
  }

  it('resets a CSV, reports its bad row and exits non-zero', async () => {
    const file = csv('people.csv', [
      'email',
      'alice@example.com',
      BOB_ID,
      'not an id',
      BOT_ACCOUNT_ID,
      'nobody@example.com',
    ]);

    const result = await cli([
      '--file',
      file,
      '--users',
      CAROL_ID,
      '--reason',
      'SEC-7 leaked token',
      '--yes',
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file} line 4: "not an id" is not a user ID, email address or user group ID`,
    );
    expect(
      emulator
        .callsTo(RESET)
        .map((call) => call.args.user_id)
        .sort(),
    ).toEqual([ALICE_ID, BOB_ID, CAROL_ID].sort());
    const rows = outputRows(result.stdout);
    expect(
      rows
        .filter((row) => row[1] === 'signed_out')
        .map((row) => row[0])
        .sort(),
    ).toEqual([ALICE_ID, BOB_ID, CAROL_ID].sort());
    expect(rows).toContainEqual(['nobody@example.com', 'not_found', '', 'no one in Slack has this address']);
    expect(rows.find((row) => row[0] === BOT_ACCOUNT_ID)?.[1]).toBe('left_out');
  });

  it('records the request with source cli and the token owner as requester', async () => {
    await cli(['--users', ALICE_ID, '--reason', 'SEC-8 audit check', '--yes']);

    const [record] = await readAuditRecords(dbPath, ALICE_ID);
    expect(record).toMatchObject({
      source: 'cli',
      requesterId: 'W0ADMIN',
      reason: 'SEC-8 audit check',
      status: 'completed',
    });
  });

  it('exits 0 when everyone was reset', async () => {
    const result = await cli([
      '--users',
      `${ALICE_ID},${BOB_ID}`,
      '--reason',
      'SEC-9',
      '--yes',
      '--scope',
      'web',
    ]);

    expect(result.code).toBe(0);
    expect(emulator.callsTo(RESET).every((call) => String(call.args.web_only) === 'true')).toBe(true);
  });

  it('uses resetBulk for many people and shows progress', async () => {
    const ids = emulator.addGeneratedUsers(1500);
    const file = csv('many.csv', ids);

    const result = await cli(['--file', file, '--reason', 'SEC-10', '--yes'], {
      MAX_TARGETS_PER_REQUEST: '2000',
    });

    expect(result.code).toBe(0);
    expect(emulator.callsTo(RESET_BULK)).toHaveLength(2);
    expect(outputRows(result.stdout).filter((row) => row[1] === 'queued')).toHaveLength(1500);
    expect(result.stderr).toContain('progress: 1,500 of 1,500 done');
  });

  it('makes no admin call in a dry run', async () => {
    const result = await cli([
      '--users',
      `${ALICE_ID},${BOB_ID}`,
      '--reason',
      'SEC-11',
      '--dry-run',
      '--yes',
    ]);

    expect(result.code).toBe(0);
    expect(emulator.calls.filter((call) => call.method === RESET || call.method === RESET_BULK)).toEqual([]);
    expect(outputRows(result.stdout).map((row) => row[1])).toEqual(['would_reset', 'would_reset']);
    expect(result.stderr).toContain('Dry run');
  });

  it('refuses to run without --yes when input is not a terminal', async () => {
    const result = await cli(['--users', ALICE_ID, '--reason', 'SEC-12']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pass --yes to confirm in a script');
    expect(emulator.callsTo(RESET)).toEqual([]);
  });

  it('refuses a request over MAX_TARGETS_PER_REQUEST', async () => {
    const result = await cli(['--users', `${ALICE_ID},${BOB_ID}`, '--reason', 'SEC-13', '--yes'], {
      MAX_TARGETS_PER_REQUEST: '1',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('raise MAX_TARGETS_PER_REQUEST');
    expect(emulator.callsTo(RESET)).toEqual([]);
  });

  it('explains an invalid flag', async () => {
    const result = await cli(['--users', ALICE_ID, '--reason', 'x', '--scope', 'desktop']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--scope must be all, mobile or web, not "desktop"');
  });

  it('prints help', async () => {
    const result = await cli(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npx reset-sessions');
  });
});
