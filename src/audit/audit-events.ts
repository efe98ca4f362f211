import type { SessionScope } from '../slack/scope';
import type { AuditAction, AuditOutcome, AuditRecord, AuditSource, AuditStatus } from './audit-store';

export type AuditEventOutcome = {
  user_id: string;
  ok: boolean;
  /** Slack error code, or null when the call succeeded. */
  error: string | null;
  /** True when Slack only queued the reset (admin.users.session.resetBulk), so sessions may still be live. */
  queued: boolean;
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
  succeeded: number;
  failed: number;
};

export function toAuditEvent(record: AuditRecord): AuditEvent {
  const outcomes = record.outcomes.map(toEventOutcome);
  const succeeded = outcomes.filter((outcome) => outcome.ok).length;

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
    succeeded,
    failed: outcomes.length - succeeded,
  };
}

function toEventOutcome(outcome: AuditOutcome): AuditEventOutcome {
  return {
    user_id: outcome.userId,
    ok: outcome.ok,
    error: outcome.error ?? null,
    queued: outcome.queued ?? false,
    at: outcome.at.toISOString(),
  };
}
