import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AuditSource } from '../audit/audit-store';
import { AuditRequestNotOpenError } from '../audit/audit-store-errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { AppConfig } from '../config';
import type { SessionScope } from '../slack/scope';
import type { ResetOutcome, SessionAdmin } from '../slack/session-admin';
import type { ParsedTargets } from '../targets/parse-command-text';
import type { EmailResolver } from '../targets/resolve-emails';
import { ExpiringStore } from './expiring-store';
import { AdminPacing } from './pacer';
import { ResetRunner, type ResetRunResult, type ResetStrategy } from './reset-runner';
import { TargetResolver } from './resolve-targets';
import type { RunProgress } from './run-progress';

/** Slash command entries too many for the form's people picker, kept until the form is submitted. */
export interface CommandDraft {
  targets: ParsedTargets;
}

/** A resolved request waiting for the admin to confirm it; only ids and the form's choices. */
export interface PendingReset {
  requesterId: string;
  userIds: string[];
  scope: SessionScope;
  reason: string;
  dryRun: boolean;
}

/** Everything one audited run needs; `correlationId` is the audit record's id. */
export interface ResetRecord {
  correlationId: string;
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
  userIds: readonly string[];
  scope: SessionScope;
  reason: string;
  dryRun: boolean;
  source: AuditSource;
}

const MINUTE_MS = 60_000;

/** Resolution, the paced runner, and the requests kept between the form and its confirmation. */
export class BulkResets {
  /** Drafts live as long as a form may stay open; pending requests as long as a confirmation may. */
  readonly drafts = new ExpiringStore<CommandDraft>({ ttlMs: 60 * MINUTE_MS, maxEntries: 200 });
  readonly pending = new ExpiringStore<PendingReset>({ ttlMs: 30 * MINUTE_MS, maxEntries: 200 });

  constructor(
    readonly resolver: TargetResolver,
    readonly runner: ResetRunner,
    readonly settings: Pick<AppConfig, 'dryRun' | 'maxTargetsPerRequest'>,
  ) {}
}

export interface CreateBulkResetsOptions {
  config: Pick<AppConfig, 'dryRun' | 'maxTargetsPerRequest' | 'adminCallsPerMinute'>;
  /** Bot-token client for users.info, users.lookupByEmail and usergroups.users.list. */
  botClient: WebClient;
  sessions: SessionAdmin;
  emails: EmailResolver;
  logger: Logger;
}

/** Builds the bulk services and makes every 429 on an admin call pause that method's pacer. */
export function createBulkResets(options: CreateBulkResetsOptions): BulkResets {
  const { config, sessions, logger } = options;
  const pacing = new AdminPacing({ limit: config.adminCallsPerMinute, windowMs: MINUTE_MS });
  sessions.onRateLimited((method, retryAfterSeconds) => {
    logger.warn(JSON.stringify({ event: 'admin_rate_limited', method, retry_after_s: retryAfterSeconds }));
    pacing.pause(method, retryAfterSeconds * 1000);
  });

  return new BulkResets(
    new TargetResolver({ client: options.botClient, emails: options.emails, logger }),
    new ResetRunner({ sessions, pacing, logger }),
    config,
  );
}

/** Commits the request record; no admin call may be made before this resolves. */
export async function beginReset(audit: AuditTrail, record: ResetRecord): Promise<void> {
  await audit.begin({
    id: record.correlationId,
    action: 'reset',
    requesterId: record.requesterId,
    teamId: record.teamId,
    enterpriseId: record.enterpriseId,
    targetUserIds: record.userIds,
    scope: record.scope,
    reason: record.reason,
    dryRun: record.dryRun,
    source: record.source,
    createdAt: new Date(),
  });
}

export interface RecordedRunOptions {
  onProgress?: (progress: RunProgress) => void;
  /** Replaces the choice by size; only the benchmark sets it. */
  strategy?: ResetStrategy;
}

export interface RecordedRunResult extends ResetRunResult {
  /**
   * True when another process closed the audit record during the run, so the outcomes after that point
   * are missing from it and the record stays as that process left it.
   */
  auditClosed: boolean;
}

/** Runs a begun request, writes each person's outcome as it arrives, and completes the record. */
export async function runRecordedReset(
  audit: AuditTrail,
  runner: ResetRunner,
  record: ResetRecord,
  options: RecordedRunOptions = {},
): Promise<RecordedRunResult> {
  let auditClosed = false;
  // Slack has already acted when a write fails this way, so the run goes on and reports every result.
  const writeWhileOpen = async (write: () => Promise<unknown>): Promise<void> => {
    if (auditClosed) {
      return;
    }
    try {
      await write();
    } catch (error) {
      if (!(error instanceof AuditRequestNotOpenError)) {
        throw error;
      }
      auditClosed = true;
    }
  };

  const result = await runner.run({
    userIds: record.userIds,
    scope: record.scope,
    dryRun: record.dryRun,
    onOutcome: (outcome: ResetOutcome) =>
      writeWhileOpen(() => audit.outcome(record.correlationId, { ...outcome, at: new Date() })),
    ...options,
  });
  await writeWhileOpen(() => audit.complete(record.correlationId));
  return { ...result, auditClosed };
}
