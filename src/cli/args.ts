import { isSessionScope, type SessionScope } from '../slack/scope';
import { REASON_MAX_LENGTH } from '../views/reset-modal';

export const CLI_USAGE = `Usage: npx reset-sessions [--users LIST] [--file PATH] --reason TEXT [options]

Signs people out of Slack with admin.users.session.reset or resetBulk, using the app's configuration
(.env or the environment: SLACK_ADMIN_TOKEN, SLACK_BOT_TOKEN, SLACK_API_URL, AUDIT_DB_PATH, DRY_RUN,
MAX_TARGETS_PER_REQUEST) and recording the request in the same audit trail as the Slack app.
Give --users, --file or both; their entries are combined.

Options:
  --users LIST     comma-separated user IDs (U… or W…), email addresses and user group IDs (S…)
  --file PATH      CSV or text file with one user ID, email address or user group ID per row
                   (first column; a header row is skipped)
  --scope SCOPE    which sessions end: all (default), mobile or web
  --reason TEXT    why, kept in the audit record (required, at most ${REASON_MAX_LENGTH} characters)
  --dry-run        check and record everything, but make no admin call
  --yes            do not ask for confirmation (needed when standard input is not a terminal)
  --help           show this text

An entry of --users or a row of --file that is not a user ID, email address or user group ID is
reported on standard error with its position, skipped, and listed as invalid; the others still run.

Standard output gets one line per person: user ID, status (signed_out, queued, would_reset, failed,
not_found, left_out, invalid), error code, and a description. Progress goes to standard error.

Exit status:
  0  everyone was signed out or queued (in a dry run: would be)
  1  anyone failed or was not found, an entry or row was invalid, nobody was left to sign out,
     or Slack could not be reached
  2  invalid flags, an unreadable --file, invalid configuration or AUDIT_DB_PATH, a token Slack
     rejected, a request over MAX_TARGETS_PER_REQUEST, no --yes without a terminal, or a declined
     confirmation
`;

/** Raised for invalid command-line arguments; the message names the flag and the fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliRun {
  kind: 'run';
  /** Entries from --users, not yet classified. */
  users: string[];
  file: string | undefined;
  scope: SessionScope;
  reason: string;
  dryRun: boolean;
  yes: boolean;
}

export type CliCommand = { kind: 'help' } | CliRun;

const VALUE_FLAGS = new Set(['--users', '--file', '--scope', '--reason']);
const BOOLEAN_FLAGS = new Set(['--dry-run', '--yes', '--help']);

/** Reads `--flag value` and `--flag=value` forms; every flag may appear once. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const values = new Map<string, string>();
  const flags = new Set<string>();

  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [name = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];

    if (BOOLEAN_FLAGS.has(name) && inline === undefined) {
      flags.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      throw new UsageError(`Unknown argument "${arg}". Run with --help to see the options.`);
    }
    if (values.has(name)) {
      throw new UsageError(`${name} is given twice. Give it once.`);
    }

    const value = inline ?? argv[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`${name} needs a value, for example ${exampleFor(name)}.`);
    }
    values.set(name, value);
    if (inline === undefined) {
      index += 1;
    }
  }

  if (flags.has('--help')) {
    return { kind: 'help' };
  }
  return readRun(values, flags);
}

function readRun(values: ReadonlyMap<string, string>, flags: ReadonlySet<string>): CliRun {
  const users = (values.get('--users') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const file = values.get('--file');
  if (users.length === 0 && file === undefined) {
    throw new UsageError('Name the people with --users LIST, --file PATH, or both.');
  }
  if (file !== undefined && file.trim() === '') {
    throw new UsageError('--file needs a path to a CSV or text file.');
  }

  const scope = values.get('--scope') ?? 'all';
  if (!isSessionScope(scope)) {
    throw new UsageError(`--scope must be all, mobile or web, not "${scope}".`);
  }

  const reason = values.get('--reason')?.trim() ?? '';
  if (reason === '') {
    throw new UsageError(
      '--reason is required; it is kept in the audit record, e.g. --reason "SEC-123 token leak".',
    );
  }
  if (reason.length > REASON_MAX_LENGTH) {
    throw new UsageError(
      `--reason must be at most ${REASON_MAX_LENGTH} characters; it has ${reason.length}.`,
    );
  }

  return { kind: 'run', users, file, scope, reason, dryRun: flags.has('--dry-run'), yes: flags.has('--yes') };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

function exampleFor(flag: string): string {
  const examples: Record<string, string> = {
    '--users': '--users alice@example.com,W0123ABCD',
    '--file': '--file people.csv',
    '--scope': '--scope mobile',
    '--reason': '--reason "SEC-123 token leak"',
  };
  return examples[flag] ?? flag;
}
