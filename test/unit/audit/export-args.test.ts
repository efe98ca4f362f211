import {
  DEFAULT_AUDIT_DB_PATH,
  parseExportArgs,
  parseSince,
  resolveDbPath,
  UsageError,
} from '../../../src/audit/export-args';

describe('parseExportArgs', () => {
  it('reads all options', () => {
    const command = parseExportArgs(['--since', '2026-01-01', '--db', 'a.sqlite3', '--out', 'x.jsonl']);

    expect(command).toEqual({
      kind: 'export',
      since: new Date('2026-01-01T00:00:00.000Z'),
      dbPath: 'a.sqlite3',
      outPath: 'x.jsonl',
    });
  });

  it('accepts --since=VALUE form', () => {
    const command = parseExportArgs(['--since=2026-01-01T09:30:00Z']);

    expect(command).toEqual({
      kind: 'export',
      since: new Date('2026-01-01T09:30:00.000Z'),
      dbPath: undefined,
      outPath: undefined,
    });
  });

  it('--help wins', () => {
    expect(parseExportArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseExportArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseExportArgs(['--since', 'junk', '--help'])).toEqual({ kind: 'help' });
  });

  it.each<[string, string[], string]>([
    ['missing --since', [], 'Missing required option --since'],
    ['--since without value', ['--since'], "Option '--since <value>' argument missing"],
    ['unknown option', ['--since', '2026-01-01', '--until', '2026-02-01'], "Unknown option '--until'"],
    ['positional argument', ['2026-01-01'], "Unexpected argument '2026-01-01'"],
    ['empty --db', ['--since', '2026-01-01', '--db', ''], '--db needs a file path'],
    ['empty --out', ['--since', '2026-01-01', '--out=  '], '--out needs a file path'],
    ['invalid --since', ['--since', 'yesterday'], 'Invalid --since "yesterday"'],
  ])('rejects %s', (_case, argv, message) => {
    expect(() => parseExportArgs(argv)).toThrow(UsageError);
    expect(() => parseExportArgs(argv)).toThrow(message);
    expect(() => parseExportArgs(argv)).toThrow('Run with --help for usage.');
  });
});

describe('parseSince', () => {
  it.each([
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-01-01T09:30Z', '2026-01-01T09:30:00.000Z'],
    ['2026-01-01T09:30:15.5Z', '2026-01-01T09:30:15.500Z'],
    ['2026-01-01T09:30:00+02:00', '2026-01-01T07:30:00.000Z'],
    ['2026-01-01T00:15:00-05:30', '2026-01-01T05:45:00.000Z'],
  ])('parses %s', (text, expected) => {
    expect(parseSince(text).toISOString()).toBe(expected);
  });

  it.each([
    ['no zone', '2026-01-01T09:30:00'],
    ['not ISO', '01/02/2026'],
    ['month 13', '2026-13-01'],
    ['February 30', '2026-02-30'],
    ['not leap year', '2025-02-29'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['offset hour 24', '2026-01-01T10:00:00+24:00'],
    ['trailing text', '2026-01-01 and more'],
    ['empty', ''],
  ])('rejects %s', (_case, text) => {
    expect(() => parseSince(text)).toThrow(UsageError);
  });
});

describe('resolveDbPath', () => {
  it('option wins over env', () => {
    expect(resolveDbPath('cli.sqlite3', { AUDIT_DB_PATH: 'env.sqlite3' })).toBe('cli.sqlite3');
  });

  it('env wins over default', () => {
    expect(resolveDbPath(undefined, { AUDIT_DB_PATH: 'env.sqlite3' })).toBe('env.sqlite3');
  });

  it('blank env uses default', () => {
    expect(resolveDbPath(undefined, { AUDIT_DB_PATH: '  ' })).toBe(DEFAULT_AUDIT_DB_PATH);
  });

  it('no env uses default', () => {
    expect(resolveDbPath(undefined, {})).toBe('./data/audit.sqlite3');
  });
});
