import type { SessionScope } from '../slack/scope';
import type { RequestOwner } from './request-owner';

/** The Slack action a request asks for. */
export type AuditAction = 'reset' | 'invalidate';

/**
 * Life cycle of a request record. It is `open` until every outcome is in, then `completed`. It becomes
 * `interrupted` when its process died while it was open. `refused` means the requester was not allowed,
 * and `rejected` means the submission failed validation.
 */
export type AuditStatus = 'open' | 'completed' | 'interrupted' | 'refused' | 'rejected';

/** The surface a request came from. */
export type AuditSource = 'slash_command' | 'modal' | 'cli';

/** A request, written before any admin call is made. */
export interface NewAuditRequest {
  /** Correlation id, shown to admins and in the security channel. */
  id: string;
  action: AuditAction;
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
  targetUserIds: readonly string[];
  scope: SessionScope | null;
  reason: string;
  dryRun: boolean;
  source: AuditSource;
  /** For `invalidate`: the session id and a device summary. */
  sessionId?: string;
  sessionSummary?: string;
  /**
   * Identifies the view_submission that started the request (its `view.id` and `view.hash`). At most one
   * request may carry each key, so a repeated delivery can find the run it repeats.
   */
  submissionKey?: string;
  /** The process running the request; the store fills in the current process when absent. */
  owner?: RequestOwner;
  createdAt: Date;
}

/** A request that was turned away before any admin call: not allowed, or invalid input. */
export interface AuditRefusal {
  id: string;
  action: AuditAction;
  status: 'refused' | 'rejected';
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
  targetUserIds: readonly string[];
  scope: SessionScope | null;
  reason: string;
  source: AuditSource;
  /** The reason it was turned away, such as `not_listed`, or the validation messages joined. */
  detail: string;
  createdAt: Date;
}

/** One person's result within a request; `error` is a Slack error code. */
export interface AuditOutcome {
  userId: string;
  ok: boolean;
  error?: string;
  /** True when Slack only queued the reset (admin.users.session.resetBulk); absent means false. */
  queued?: boolean;
  at: Date;
}

export interface AuditRecord {
  id: string;
  action: AuditAction;
  status: AuditStatus;
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
  targetUserIds: string[];
  scope: SessionScope | null;
  reason: string;
  dryRun: boolean;
  source: AuditSource;
  sessionId: string | null;
  sessionSummary: string | null;
  detail: string | null;
  createdAt: Date;
  closedAt: Date | null;
  outcomes: AuditOutcome[];
}

/** The result of start-up or shutdown recovery for the open requests. */
export interface InterruptResult {
  /** Requests now `interrupted`, with the outcomes that did complete. */
  interrupted: AuditRecord[];
  /** Requests left open because a process on another host owns them, whose liveness cannot be checked. */
  ownedByOtherHost: Array<{ id: string; host: string }>;
}

export interface HistoryQuery {
  /** Only requests made by this user. */
  requesterId?: string;
  /** Only requests that targeted this user. */
  targetUserId?: string;
  limit: number;
  offset: number;
}

/**
 * Durable record of every request. Each write is committed before the call returns, so a record the
 * caller has seen acknowledged survives a crash.
 */
export interface AuditStore {
  /** Throws `DuplicateAuditRequestError` for a reused id and `DuplicateSubmissionKeyError` for a reused key. */
  beginRequest(request: NewAuditRequest): Promise<void>;
  recordOutcome(requestId: string, outcome: AuditOutcome): Promise<void>;
  completeRequest(requestId: string, closedAt: Date): Promise<void>;
  recordRefusal(refusal: AuditRefusal): Promise<void>;
  /**
   * Marks `interrupted` each `open` request whose owner is unknown, this process, or a process on this
   * host that has exited. Requests of other live processes, such as a CLI run, stay open.
   */
  interruptOpenRequests(closedAt: Date): Promise<InterruptResult>;
  getRequest(id: string): Promise<AuditRecord | undefined>;
  /** Returns the request begun with this `submissionKey`, if any. */
  findBySubmissionKey(submissionKey: string): Promise<AuditRecord | undefined>;
  /** Newest first. */
  listHistory(query: HistoryQuery): Promise<{ records: AuditRecord[]; total: number }>;
  /** Oldest first, created at or after `since`. */
  listSince(since: Date): AsyncIterable<AuditRecord>;
  close(): Promise<void>;
}
