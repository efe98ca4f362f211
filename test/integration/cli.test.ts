import fs from 'node:fs';
import path from 'node:path';
import { ALICE_ID, BOB_ID, BOT_ACCOUNT_ID, CAROL_ID, ENTERPRISE_ID, type SlackEmulator } from '../emulator';
import { outputRows, runCli } from '../support/cli-process';
import { closedPort } from '../support/closed-port';
import { readAuditRecords, useEmulatorWithDb } from '../support/reset-flow';

const RESET = 'admin.users.session.reset';
const RESET_BULK = 'admin.users.session.resetBulk';

describe('reset-sessions command-line tool', () => {
  let emulator: SlackEmulator;
  let dir: string;
  let dbPath: string;

  useEmulatorWithDb('cli', (started, db) => {
    emulator = started;
    dir = db.dir;
    dbPath = db.dbPath;
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

    const record = (await readAuditRecords(dbPath, ALICE_ID)).find(
      (candidate) => candidate.reason === 'SEC-8 audit check',
    );
    expect(record).toMatchObject({
      source: 'cli',
      requesterId: 'W0ADMIN',
      reason: 'SEC-8 audit check',
      status: 'completed',
    });
  });

  it("records the admin token's team and org from auth.test", async () => {
    await cli(['--users', ALICE_ID, '--reason', 'SEC-8b org ids', '--yes']);

    const record = (await readAuditRecords(dbPath, ALICE_ID)).find(
      (candidate) => candidate.reason === 'SEC-8b org ids',
    );
    // The emulator's auth.test reports the org id as team_id for an org-wide admin token.
    expect(record?.teamId).toBe(ENTERPRISE_ID);
    expect(record?.enterpriseId).toBe(ENTERPRISE_ID);
  });

  it('reports an invalid --users entry like an invalid file row', async () => {
    const file = csv('one-bad-row.csv', [BOB_ID, 'not an id']);

    const result = await cli([
      '--users',
      `${ALICE_ID},nobody,`,
      '--file',
      file,
      '--reason',
      'SEC-8c',
      '--yes',
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--users entry 2: "nobody" is not a user ID, email address or user group ID; skipped.',
    );
    expect(result.stderr).toContain(
      `${file} line 2: "not an id" is not a user ID, email address or user group ID; skipped.`,
    );
    const invalidRows = outputRows(result.stdout).filter((row) => row[1] === 'invalid');
    expect(invalidRows.map((row) => row[0])).toEqual(['nobody', 'not an id']);
    expect(emulator.callsTo(RESET).map((call) => call.args.user_id)).toEqual([ALICE_ID, BOB_ID]);
  });

  it('writes singular counts for one person', async () => {
    const result = await cli(['--users', ALICE_ID, '--reason', 'SEC-8d', '--yes']);

    expect(result.stderr).toContain('Looking up 1 entry in Slack');
    expect(result.stderr).toContain('1 person found; the reset ends all their sessions with 1 admin call.');
    expect(result.stderr).toMatch(/Finished with 1 admin call\. Correlation ID /);
  });

  it('stops quickly when Slack cannot be reached', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const startedAt = Date.now();

    const result = await runCli(['--users', ALICE_ID, '--reason', 'SEC-8e', '--yes'], {
      apiUrl,
      cwd: dir,
      env: { AUDIT_DB_PATH: dbPath },
    });

    expect(result.code).toBe(1);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Looking up'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Could not reach SLACK_API_URL (${apiUrl}): ECONNREFUSED`);
    expect(lines[0]).toContain('Check that SLACK_API_URL is right');
  });

  it('keeps "rejected" for a token Slack refuses', async () => {
    const result = await cli(['--users', ALICE_ID, '--reason', 'SEC-8f', '--yes'], {
      SLACK_ADMIN_TOKEN: 'xoxp-unknown',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `SLACK_ADMIN_TOKEN was rejected by auth.test at ${emulator.apiUrl} (invalid_auth).`,
    );
  });

  it('names AUDIT_DB_PATH when the database cannot be opened', async () => {
    const notAFolder = csv('not-a-folder', []);

    const result = await cli(['--users', ALICE_ID, '--reason', 'SEC-8g', '--yes'], {
      AUDIT_DB_PATH: path.join(notAFolder, 'audit.sqlite3'),
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The audit database could not be opened at AUDIT_DB_PATH=');
    expect(emulator.callsTo(RESET)).toEqual([]);
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
    expect(result.stderr).toContain('a dry run checks all their sessions and makes no admin call');
    expect(result.stderr).toContain('2 would be signed out');
    expect(result.stderr).toContain(
      'Dry run finished: no admin call was made; a real run would make 2 admin calls.',
    );
  });

  it('never says signed out in a dry run', async () => {
    const result = await cli([
      '--users',
      `${ALICE_ID},${BOB_ID}`,
      '--reason',
      'SEC-11b',
      '--dry-run',
      '--yes',
    ]);

    expect(result.stderr.replaceAll('would be signed out', '')).not.toContain('signed out');
    expect(result.stderr).not.toMatch(/(?<!would make )\d+ admin calls?/);
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
    expect(result.stdout).toContain('Usage: npx reset-sessions [--users LIST] [--file PATH] --reason TEXT');
    expect(result.stdout).toContain('Give --users, --file or both');
  });

  it('states the exit codes in help', async () => {
    const result = await cli(['--help']);

    expect(result.stdout).toMatch(/^ {2}0 {2}everyone was signed out or queued/m);
    expect(result.stdout).toMatch(/^ {2}1 {2}.*an entry or row was invalid/m);
    expect(result.stdout).toMatch(/^ {2}2 {2}invalid flags/m);
  });
});
