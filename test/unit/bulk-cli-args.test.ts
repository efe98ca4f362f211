import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { readTargetsFile } from '../../src/cli/targets-file';

describe('parseCliArgs', () => {
  it('reads every flag', () => {
    expect(
      parseCliArgs([
        '--users',
        'alice@example.com,W0BOB',
        '--file=people.csv',
        '--scope',
        'mobile',
        '--reason',
        'SEC-1 leak',
        '--dry-run',
        '--yes',
      ]),
    ).toEqual({
      kind: 'run',
      users: ['alice@example.com', 'W0BOB'],
      file: 'people.csv',
      scope: 'mobile',
      reason: 'SEC-1 leak',
      dryRun: true,
      yes: true,
    });
  });

  it('defaults the scope to all', () => {
    expect(parseCliArgs(['--users', 'W0BOB', '--reason', 'x'])).toMatchObject({ kind: 'run', scope: 'all' });
  });

  it('returns help before checking other flags', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--reason', 'x'], /--users LIST, --file PATH/],
    [['--users', 'W0BOB'], /--reason is required/],
    [['--users', 'W0BOB', '--reason', 'x', '--scope', 'desktop'], /--scope must be all, mobile or web/],
    [['--users', 'W0BOB', '--reason', 'x', '--force'], /Unknown argument "--force"/],
    [['--users', 'W0BOB', '--users', 'W0ALICE', '--reason', 'x'], /--users is given twice/],
    [['--users', '--reason', 'x'], /--users needs a value/],
    [['--users', 'W0BOB', '--reason', 'x'.repeat(1001)], /at most 1000 characters/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('readTargetsFile', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cli-args-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function fileWith(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  it('skips a header row', () => {
    const read = readTargetsFile(fileWith('header.csv', 'email,name\nalice@example.com,Alice\n'));
    expect(read).toEqual({ entries: ['alice@example.com'], badRows: [] });
  });

  it('reads a file without a header', () => {
    const read = readTargetsFile(fileWith('plain.csv', 'W0ALICE\r\n"bob@example.com"\n\nS0SECOPS\n'));
    expect(read.entries).toEqual(['W0ALICE', 'bob@example.com', 'S0SECOPS']);
  });

  it('reports a bad row with its line number', () => {
    const read = readTargetsFile(fileWith('bad.csv', 'user\nW0ALICE\nnot a person\n'));
    expect(read.badRows).toEqual([
      { line: 3, text: 'not a person', reason: 'not a user ID, email address or user group ID' },
    ]);
  });

  it('treats a word after the first row as a bad row', () => {
    const read = readTargetsFile(fileWith('late-word.csv', 'W0ALICE\nemail\n'));
    expect(read.badRows.map((row) => row.line)).toEqual([2]);
  });
});
