import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import { LogLevel } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { AuditTrail } from '../audit/audit-trail';
import { openAuditStore } from '../audit/open-audit-store';
import { SecurityChannel } from '../audit/security-channel';
import { beginReset, createBulkResets, type ResetRecord, runRecordedReset } from '../bulk/bulk-resets';
import type { ResolvedTargets } from '../bulk/resolve-targets';
import { type AppConfig, ConfigError, loadConfig, MAX_LIST_ENTRIES } from '../config';
import { peopleCount, tooManyEntriesText, tooManyPeopleText } from '../messages/bulk';
import { webClientOptions } from '../slack/client-options';
import { isUnreachable } from '../slack/error-code';
import { SessionAdmin } from '../slack/session-admin';
import { tokenCheckMessage } from '../slack/verify-tokens';
import { StartupError } from '../startup-errors';
import { parseTargets } from '../targets/parse-command-text';
import { EmailResolver } from '../targets/resolve-emails';
import { CLI_USAGE, type CliRun, parseCliArgs, UsageError } from './args';
import {
  entryCount,
  finishedText,
  type InvalidEntry,
  invalidEntryRows,
  invalidEntryText,
  outcomeRows,
  resolutionRows,
  summaryText,
} from './output';
import { entryProblem, readTargetsFile } from './targets-file';
import { confirm, ProgressBar, StderrLogger } from './terminal';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_REFUSED = 2;

/** Raised to stop with a message and an exit status, after which nothing else runs. */
class CliStop extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliStop';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return EXIT_OK;
  }

  const config = loadConfig(process.env, { receiver: false });
  const logger = new StderrLogger();
  if (config.logLevel === LogLevel.DEBUG) {
    logger.setLevel(LogLevel.DEBUG);
  }
  return runCli(command, config, logger);
}

async function runCli(command: CliRun, config: AppConfig, logger: StderrLogger): Promise<number> {
  const { entries, invalid } = collectEntries(command);
  for (const entry of invalid) {
    process.stderr.write(`${invalidEntryText(entry)}\n`);
  }
  const targets = parseTargets(entries.join('\n'));
  const namedCount = targets.userIds.length + targets.emails.length + targets.usergroupIds.length;
  if (namedCount > MAX_LIST_ENTRIES) {
    throw new CliStop(tooManyEntriesText(namedCount), EXIT_REFUSED);
  }

  // The Web API clients log a warning for every failed attempt. The tool prints one line for the final
  // failure instead, and LOG_LEVEL=debug shows the attempts too.
  const webApiLogger = new StderrLogger();
  webApiLogger.setLevel(config.logLevel === LogLevel.DEBUG ? LogLevel.DEBUG : LogLevel.ERROR);
  const botClient = new WebClient(config.botToken, webClientOptions(config, webApiLogger));
  const requester = await adminIdentity(config, webApiLogger);
  const sessions = new SessionAdmin({
    adminToken: config.adminToken,
    slackApiUrl: config.slackApiUrl,
    logger,
    timeoutMs: config.requestTimeoutMs,
  });
  const bulk = createBulkResets({
    config,
    botClient,
    sessions,
    emails: new EmailResolver(botClient, logger),
    logger,
  });

  process.stderr.write(`Looking up ${entryCount(namedCount)} in Slack…\n`);
  const resolved = await bulk.resolver.resolve(targets);
  const dryRun = config.dryRun || command.dryRun;
  const store = openAuditStore(config.auditDbPath);
  const audit = new AuditTrail(store, new SecurityChannel(botClient, config.auditChannelId, logger), logger);

  try {
    return await confirmAndRun({
      command,
      config,
      resolved,
      dryRun,
      requester,
      audit,
      bulk,
      invalid,
    });
  } finally {
    await audit.drain();
    await store.close();
  }
}

interface RunContext {
  command: CliRun;
  config: AppConfig;
  resolved: ResolvedTargets;
  dryRun: boolean;
  requester: AdminIdentity;
  audit: AuditTrail;
  bulk: ReturnType<typeof createBulkResets>;
  invalid: readonly InvalidEntry[];
}

async function confirmAndRun(context: RunContext): Promise<number> {
  const { command, config, resolved, dryRun, audit, bulk } = context;
  const count = resolved.userIds.length;
  process.stderr.write(`${summaryText(resolved, command.scope, dryRun, bulk.runner.plannedCalls(count))}\n`);

  const record: ResetRecord = {
    correlationId: randomUUID(),
    requesterId: context.requester.userId,
    teamId: context.requester.teamId,
    enterpriseId: context.requester.enterpriseId,
    userIds: resolved.userIds,
    scope: command.scope,
    reason: command.reason,
    dryRun,
    source: 'cli',
  };

  if (count > config.maxTargetsPerRequest) {
    await audit.refuse({
      id: record.correlationId,
      action: 'reset',
      status: 'rejected',
      requesterId: record.requesterId,
      teamId: record.teamId,
      enterpriseId: record.enterpriseId,
      targetUserIds: record.userIds,
      scope: record.scope,
      reason: record.reason,
      source: 'cli',
      detail: `max_targets_exceeded: ${count} people, MAX_TARGETS_PER_REQUEST is ${config.maxTargetsPerRequest}`,
      createdAt: new Date(),
    });
    throw new CliStop(tooManyPeopleText(count, config.maxTargetsPerRequest), EXIT_REFUSED);
  }
  if (count === 0) {
    writeRows([...resolutionRows(resolved), ...invalidEntryRows(context.invalid)]);
    throw new CliStop('Nobody is left to sign out. Nothing was changed.', EXIT_FAILED);
  }
  await requireConfirmation(command, count, dryRun);

  await beginReset(audit, record);
  const bar = new ProgressBar({ dryRun });
  const result = await runRecordedReset(audit, bulk.runner, record, {
    onProgress: (progress) => bar.update(progress),
  });
  const failed = result.outcomes.filter((outcome) => !outcome.ok).length;
  bar.finish({
    total: count,
    signedOut: result.outcomes.filter((outcome) => outcome.ok && !outcome.queued).length,
    queued: result.outcomes.filter((outcome) => outcome.ok && outcome.queued).length,
    failed,
    remaining: 0,
  });

  writeRows([
    ...outcomeRows(result.outcomes, dryRun),
    ...resolutionRows(resolved),
    ...invalidEntryRows(context.invalid),
  ]);
  process.stderr.write(`${finishedText(record.correlationId, dryRun, result)}\n`);
  if (result.auditClosed) {
    process.stderr.write(
      `Audit record ${record.correlationId} was closed by another process during the run, so it lacks ` +
        'some of the results above. Keep this output as the record of those people.\n',
    );
    return EXIT_FAILED;
  }
  const problems = failed + resolved.notFound.length + context.invalid.length;
  return problems > 0 ? EXIT_FAILED : EXIT_OK;
}

async function requireConfirmation(command: CliRun, count: number, dryRun: boolean): Promise<void> {
  if (command.yes) {
    return;
  }
  if (!process.stdin.isTTY) {
    throw new CliStop(
      'Standard input is not a terminal, so the confirmation cannot be asked. Pass --yes to confirm in a script.',
      EXIT_REFUSED,
    );
  }
  const question = dryRun
    ? `Run a dry run for ${peopleCount(count)}? Type yes to continue: `
    : `Sign ${peopleCount(count)} out of ${command.scope} sessions? This cannot be undone. Type yes to continue: `;
  if (!(await confirm(question))) {
    throw new CliStop('Not confirmed. Nothing was changed.', EXIT_REFUSED);
  }
}

/** The owner of SLACK_ADMIN_TOKEN, recorded as the requester because the command line has no Slack user. */
interface AdminIdentity {
  userId: string;
  teamId: string | null;
  enterpriseId: string | null;
}

/** Calls auth.test with the admin token. A failure stops the tool with one line that names the fix. */
async function adminIdentity(config: AppConfig, webApiLogger: StderrLogger): Promise<AdminIdentity> {
  const client = new WebClient(config.adminToken, webClientOptions(config, webApiLogger));

  let identity: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    identity = await client.auth.test();
  } catch (error) {
    const message = tokenCheckMessage('SLACK_ADMIN_TOKEN', 'auth.test', config.slackApiUrl, error);
    // Nothing was changed, but only an unreachable Slack is worth retrying as it is.
    throw new CliStop(`${message} Nothing was changed.`, isUnreachable(error) ? EXIT_FAILED : EXIT_REFUSED);
  }

  if (identity.bot_id !== undefined || identity.user_id === undefined) {
    throw new CliStop(
      'SLACK_ADMIN_TOKEN must be the user token (xoxp-…) of an org admin, not a bot token.',
      EXIT_REFUSED,
    );
  }
  return {
    userId: identity.user_id,
    teamId: identity.team_id ?? null,
    enterpriseId: identity.enterprise_id ?? null,
  };
}

/** Gathers the entries of --users and --file, and reports those that name nobody the same way for both. */
function collectEntries(command: CliRun): { entries: string[]; invalid: InvalidEntry[] } {
  const entries: string[] = [];
  const invalid: InvalidEntry[] = [];

  command.users.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem === undefined) {
      entries.push(entry);
    } else {
      invalid.push({ where: `--users entry ${index + 1}`, text: entry.slice(0, 80), reason: problem });
    }
  });

  if (command.file !== undefined) {
    const file = readFile(command.file);
    entries.push(...file.entries);
    for (const row of file.badRows) {
      invalid.push({ where: `${command.file} line ${row.line}`, text: row.text, reason: row.reason });
    }
  }
  return { entries, invalid };
}

function readFile(path: string): ReturnType<typeof readTargetsFile> {
  try {
    return readTargetsFile(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliStop(
      `--file ${path} could not be read (${code}). Check the path and its permissions.`,
      EXIT_REFUSED,
    );
  }
}

function writeRows(rows: readonly string[]): void {
  if (rows.length > 0) {
    process.stdout.write(`${rows.join('\n')}\n`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_REFUSED;
      return;
    }
    if (error instanceof CliStop) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `reset-sessions failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = EXIT_FAILED;
  },
);
