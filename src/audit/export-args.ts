import { parseArgs, types } from 'node:util';

import { DEFAULT_AUDIT_DB_PATH } from '../config';

export { DEFAULT_AUDIT_DB_PATH };

export const EXPORT_USAGE = `Usage: npm run audit:export -- --since DATE [--db PATH] [--out FILE]

Writes every audit record created at or after DATE as JSON Lines (one JSON object per line),
oldest first.

Options:
  --since DATE  Required. An ISO 8601 date such as 2026-01-01 (read as 00:00 UTC), or a date-time
                with a time zone such as 2026-01-01T09:30:00Z or 2026-01-01T09:30+02:00.
  --db PATH     Audit database file. Default: $AUDIT_DB_PATH, else ${DEFAULT_AUDIT_DB_PATH}.
  --out FILE    Write to FILE instead of standard output. FILE appears only once the export is complete.
  --help        Print this help and exit.

Exit status: 0 on success, 1 when the export fails, 2 for invalid arguments.
`;

/** Raised for invalid arguments. The CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun with --help for usage.`);
    this.name = 'UsageError';
  }
}

export type ExportCommand =
  | { kind: 'help' }
  | { kind: 'export'; since: Date; dbPath: string | undefined; outPath: string | undefined };

const OPTIONS = {
  since: { type: 'string' },
  db: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the arguments after the script name. Throws `UsageError` with a message for the user. */
export function parseExportArgs(argv: readonly string[]): ExportCommand {
  const { values } = readOptions(argv);
  if (values.help === true) {
    return { kind: 'help' };
  }

  if (values.since === undefined) {
    throw new UsageError('Missing required option --since DATE, for example --since 2026-01-01.');
  }
  return {
    kind: 'export',
    since: parseSince(values.since),
    dbPath: requireNonEmpty(values.db, '--db'),
    outPath: requireNonEmpty(values.out, '--out'),
  };
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Parses an ISO 8601 date (midnight UTC) or a date-time with `Z` or an offset. A date-time without a
 * zone is rejected because it would silently depend on the machine's time zone.
 */
export function parseSince(text: string): Date {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) {
    throw new UsageError(
      `Invalid --since "${text}". Use an ISO 8601 date such as 2026-01-01, or a date-time with a ` +
        'time zone such as 2026-01-01T09:30:00Z.',
    );
  }

  const [
    ,
    year,
    month,
    day,
    hour = '0',
    minute = '0',
    second = '0',
    ,
    offsetHours = '0',
    offsetMinutes = '0',
  ] = match;
  const outOfRange =
    !isCalendarDate(Number(year), Number(month), Number(day)) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59 ||
    Number(offsetHours) > 23 ||
    Number(offsetMinutes) > 59;
  if (outOfRange) {
    throw new UsageError(`Invalid --since "${text}": the date or time is out of range.`);
  }
  return new Date(text);
}

/** Picks the database file: the --db option, then AUDIT_DB_PATH, then the default the app uses. */
export function resolveDbPath(
  dbOption: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const fromEnv = env.AUDIT_DB_PATH?.trim();
  return dbOption ?? (fromEnv || DEFAULT_AUDIT_DB_PATH);
}

function readOptions(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    if (isParseArgsError(error)) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

// `types.isNativeError` rather than `instanceof Error`, which is false for Node's own errors inside Jest's
// separate globals.
function isParseArgsError(error: unknown): error is Error {
  return (
    types.isNativeError(error) &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS_')
  );
}

function requireNonEmpty(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && value.trim() === '') {
    throw new UsageError(`${option} needs a file path, but it is empty.`);
  }
  return value;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
