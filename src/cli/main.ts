import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import { LogLevel } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { AuditTrail } from '../audit/audit-trail';
import { SecurityChannel } from '../audit/security-channel';
import { SqliteAuditStore } from '../audit/sqlite-audit-store';
import { beginReset, createBulkResets, type ResetRecord, runRecordedReset } from '../bulk/bulk-resets';
import type { ResolvedTargets } from '../bulk/resolve-targets';
import { type AppConfig, ConfigError, loadConfig, MAX_LIST_ENTRIES } from '../config';
import { tooManyEntriesText, tooManyPeopleText } from '../messages/bulk';
import { slackErrorCode } from '../slack/error-code';
import { SessionAdmin } from '../slack/session-admin';
import { parseTargets } from '../targets/parse-command-text';
import { EmailResolver } from '../targets/resolve-emails';
import { CLI_USAGE, type CliRun, parseCliArgs, UsageError } from './args';
import { outcomeRows, resolutionRows, summaryText } from './output';
import { readTargetsFile } from './targets-file';
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
  const file = command.file === undefined ? undefined : readFile(command.file);
  for (const row of file?.badRows ?? []) {
    process.stderr.write(`${command.file} line ${row.line}: "${row.text}" is ${row.reason}; skipped.\n`);
  }
  const targets = parseTargets([...command.users, ...(file?.entries ?? [])].join('\n'));
  const entryCount = targets.userIds.length + targets.emails.length + targets.usergroupIds.length;
  if (entryCount > MAX_LIST_ENTRIES) {
    throw new CliStop(tooManyEntriesText(entryCount), EXIT_REFUSED);
  }

  const botClient = new WebClient(config.botToken, {
    slackApiUrl: config.slackApiUrl,
    allowAbsoluteUrls: false,
    logger,
    timeout: config.requestTimeoutMs,
  });
  const requesterId = await adminUserId(config, logger);
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

  process.stderr.write(`Looking up ${entryCount.toLocaleString('en-US')} entries in Slack…\n`);
  const resolved = await bulk.resolver.resolve(targets);
  const dryRun = config.dryRun || command.dryRun;
  const store = SqliteAuditStore.open(config.auditDbPath);
  const audit = new AuditTrail(store, new SecurityChannel(botClient, config.auditChannelId, logger), logger);

  try {
    return await confirmAndRun({
      command,
      config,
      resolved,
      dryRun,
      requesterId,
      audit,
      bulk,
      badRows: file?.badRows.length ?? 0,
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
  requesterId: string;
  audit: AuditTrail;
  bulk: ReturnType<typeof createBulkResets>;
  badRows: number;
}

async function confirmAndRun(context: RunContext): Promise<number> {
  const { command, config, resolved, dryRun, audit, bulk } = context;
  const count = resolved.userIds.length;
  process.stderr.write(`${summaryText(resolved, command.scope, dryRun, bulk.runner.plannedCalls(count))}\n`);

  const record: ResetRecord = {
    correlationId: randomUUID(),
    requesterId: context.requesterId,
    teamId: null,
    enterpriseId: null,
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
      teamId: null,
      enterpriseId: null,
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
    writeRows(resolutionRows(resolved));
    throw new CliStop('Nobody is left to sign out. Nothing was changed.', EXIT_FAILED);
  }
  await requireConfirmation(command, count, dryRun);

  await beginReset(audit, record);
  const bar = new ProgressBar();
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

  writeRows([...outcomeRows(result.outcomes, dryRun), ...resolutionRows(resolved)]);
  process.stderr.write(
    `${dryRun ? 'Dry run finished: no admin call was made. ' : ''}Correlation ID ${record.correlationId}; ` +
      `${result.adminCalls} admin calls.\n`,
  );
  const problems = failed + resolved.notFound.length + context.badRows;
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
    ? `Run a dry run for ${count} people? Type yes to continue: `
    : `Sign ${count} people out of ${command.scope} sessions? This cannot be undone. Type yes to continue: `;
  if (!(await confirm(question))) {
    throw new CliStop('Not confirmed. Nothing was changed.', EXIT_REFUSED);
  }
}

/** Returns the admin token's own user, recorded as the requester because the command line has no Slack user. */
async function adminUserId(config: AppConfig, logger: StderrLogger): Promise<string> {
  const client = new WebClient(config.adminToken, {
    slackApiUrl: config.slackApiUrl,
    allowAbsoluteUrls: false,
    logger,
  });
  try {
    const identity = await client.auth.test();
    if (identity.bot_id !== undefined || identity.user_id === undefined) {
      throw new CliStop(
        'SLACK_ADMIN_TOKEN must be the user token (xoxp-…) of an org admin, not a bot token.',
        EXIT_REFUSED,
      );
    }
    return identity.user_id;
  } catch (error) {
    if (error instanceof CliStop) {
      throw error;
    }
    throw new CliStop(
      `SLACK_ADMIN_TOKEN was rejected by auth.test at ${config.slackApiUrl} (${slackErrorCode(error)}). ` +
        'Check the token and SLACK_API_URL.',
      EXIT_REFUSED,
    );
  }
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
    if (error instanceof UsageError || error instanceof ConfigError) {
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
