import type { SessionScope } from '../slack/scope';
import type { AuditAction, AuditOutcome, AuditRecord, AuditSource, AuditStatus } from './audit-store';

export type AuditEventOutcome = {
  user_id: string;
  ok: boolean;
  /** Slack error code, or null when the call succeeded. */
  error: string | null;
  /** True when Slack only queued the reset (admin.users.session.resetBulk), so sessions may still be live. */
  queued: boolean;
  /** True when the record is a dry run, so `ok` means the reset would have succeeded and nobody was signed out. */
  dry_run: boolean;
  at: string;
};

/**
 * Flat JSON object for a SIEM. Every key is always present (null when empty) so that field mappings do not
 * depend on the record, and times are ISO-8601 UTC text.
 */
export type AuditEvent = {
  correlation_id: string;
  action: AuditAction;
  status: AuditStatus;
  requester_id: string;
  team_id: string | null;
  enterprise_id: string | null;
  target_user_ids: string[];
  scope: SessionScope | null;
  reason: string;
  dry_run: boolean;
  source: AuditSource;
  session_id: string | null;
  session_summary: string | null;
  detail: string | null;
  created_at: string;
  closed_at: string | null;
  outcomes: AuditEventOutcome[];
  /** People signed out (or queued for it); always 0 for a dry run. */
  succeeded: number;
  failed: number;
  /** People a dry run found it could sign out; always 0 for a real run. */
  would_succeed: number;
};

export function toAuditEvent(record: AuditRecord): AuditEvent {
  const outcomes = record.outcomes.map((outcome) => toEventOutcome(outcome, record.dryRun));
  const okCount = outcomes.filter((outcome) => outcome.ok).length;

  return {
    correlation_id: record.id,
    action: record.action,
    status: record.status,
    requester_id: record.requesterId,
    team_id: record.teamId,
    enterprise_id: record.enterpriseId,
    target_user_ids: [...record.targetUserIds],
    scope: record.scope,
    reason: record.reason,
    dry_run: record.dryRun,
    source: record.source,
    session_id: record.sessionId,
    session_summary: record.sessionSummary,
    detail: record.detail,
    created_at: record.createdAt.toISOString(),
    closed_at: record.closedAt === null ? null : record.closedAt.toISOString(),
    outcomes,
    succeeded: record.dryRun ? 0 : okCount,
    failed: outcomes.length - okCount,
    would_succeed: record.dryRun ? okCount : 0,
  };
}

function toEventOutcome(outcome: AuditOutcome, dryRun: boolean): AuditEventOutcome {
  return {
    user_id: outcome.userId,
    ok: outcome.ok,
    error: outcome.error ?? null,
    queued: outcome.queued ?? false,
    dry_run: dryRun,
    at: outcome.at.toISOString(),
  };
}
