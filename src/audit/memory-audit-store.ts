import type {
  AuditOutcome,
  AuditRecord,
  AuditRefusal,
  AuditStore,
  HistoryQuery,
  InterruptResult,
  NewAuditRequest,
} from './audit-store';
import {
  AuditRequestNotOpenError,
  DuplicateAuditRequestError,
  DuplicateSubmissionKeyError,
  requireStorableDate,
  requireValidPage,
  UnknownAuditRequestError,
} from './audit-store-errors';
import { currentOwner, judgeOwner, type RequestOwner } from './request-owner';

/**
 * In-memory audit store for unit tests of other modules. It raises the same errors and returns records
 * in the same order as `SqliteAuditStore`, and it hands out copies so callers cannot change stored state.
 */
export class MemoryAuditStore implements AuditStore {
  private readonly records = new Map<string, AuditRecord>();
  /** Request ids by submission key. */
  private readonly submissionKeys = new Map<string, string>();
  /** The process running each begun request. */
  private readonly owners = new Map<string, RequestOwner>();
  private closed = false;

  /** `owner` is the process this store runs in; tests set it to act as another process. */
  constructor(private readonly owner: RequestOwner = currentOwner()) {}

  async beginRequest(request: NewAuditRequest): Promise<void> {
    const { submissionKey } = request;
    if (submissionKey !== undefined && this.submissionKeys.has(submissionKey)) {
      throw new DuplicateSubmissionKeyError(submissionKey);
    }

    this.insert({
      id: request.id,
      action: request.action,
      status: 'open',
      requesterId: request.requesterId,
      teamId: request.teamId,
      enterpriseId: request.enterpriseId,
      targetUserIds: [...request.targetUserIds],
      scope: request.scope,
      reason: request.reason,
      dryRun: request.dryRun,
      source: request.source,
      sessionId: request.sessionId ?? null,
      sessionSummary: request.sessionSummary ?? null,
      detail: null,
      createdAt: new Date(requireStorableDate(request.createdAt, 'createdAt')),
      closedAt: null,
      outcomes: [],
    });
    if (submissionKey !== undefined) {
      this.submissionKeys.set(submissionKey, request.id);
    }
    this.owners.set(request.id, { ...(request.owner ?? this.owner) });
  }

  async recordOutcome(requestId: string, outcome: AuditOutcome): Promise<void> {
    requireStorableDate(outcome.at, 'outcome.at');
    const record = this.openRecord(requestId);

    const stored: AuditOutcome = { userId: outcome.userId, ok: outcome.ok, at: new Date(outcome.at) };
    if (outcome.error !== undefined) {
      stored.error = outcome.error;
    }
    if (outcome.queued === true) {
      stored.queued = true;
    }
    record.outcomes.push(stored);
  }

  async completeRequest(requestId: string, closedAt: Date): Promise<void> {
    requireStorableDate(closedAt, 'closedAt');
    const record = this.openRecord(requestId);

    record.status = 'completed';
    record.closedAt = new Date(closedAt);
  }

  /** Stores the refusal as closed at its creation time, like `SqliteAuditStore`. */
  async recordRefusal(refusal: AuditRefusal): Promise<void> {
    const createdAt = requireStorableDate(refusal.createdAt, 'createdAt');

    this.insert({
      id: refusal.id,
      action: refusal.action,
      status: refusal.status,
      requesterId: refusal.requesterId,
      teamId: refusal.teamId,
      enterpriseId: refusal.enterpriseId,
      targetUserIds: [...refusal.targetUserIds],
      scope: refusal.scope,
      reason: refusal.reason,
      dryRun: false,
      source: refusal.source,
      sessionId: null,
      sessionSummary: null,
      detail: refusal.detail,
      createdAt: new Date(createdAt),
      closedAt: new Date(createdAt),
      outcomes: [],
    });
  }

  async interruptOpenRequests(closedAt: Date): Promise<InterruptResult> {
    requireStorableDate(closedAt, 'closedAt');
    const open = this.sortedOldestFirst().filter((record) => record.status === 'open');

    const result: InterruptResult = { interrupted: [], ownedByOtherHost: [] };
    for (const record of open) {
      const owner = this.owners.get(record.id) ?? null;
      const verdict = judgeOwner(owner, this.owner);
      if (verdict === 'interrupt') {
        record.status = 'interrupted';
        record.closedAt = new Date(closedAt);
        result.interrupted.push(copyRecord(record));
      } else if (verdict === 'other_host' && owner !== null) {
        result.ownedByOtherHost.push({ id: record.id, host: owner.host });
      }
    }
    return result;
  }

  async getRequest(id: string): Promise<AuditRecord | undefined> {
    const record = this.live().get(id);
    return record === undefined ? undefined : copyRecord(record);
  }

  async findBySubmissionKey(submissionKey: string): Promise<AuditRecord | undefined> {
    const id = this.submissionKeys.get(submissionKey);
    return id === undefined ? undefined : this.getRequest(id);
  }

  async listHistory(query: HistoryQuery): Promise<{ records: AuditRecord[]; total: number }> {
    requireValidPage(query);

    const matches = this.sortedOldestFirst()
      .reverse()
      .filter((record) => query.requesterId === undefined || record.requesterId === query.requesterId)
      .filter(
        (record) => query.targetUserId === undefined || record.targetUserIds.includes(query.targetUserId),
      );

    const page = matches.slice(query.offset, query.offset + query.limit);
    return { records: page.map(copyRecord), total: matches.length };
  }

  async *listSince(since: Date): AsyncGenerator<AuditRecord> {
    const sinceTime = requireStorableDate(since, 'since').getTime();
    const matches = this.sortedOldestFirst().filter((record) => record.createdAt.getTime() >= sinceTime);

    for (const record of matches) {
      yield copyRecord(record);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private insert(record: AuditRecord): void {
    const records = this.live();
    if (records.has(record.id)) {
      throw new DuplicateAuditRequestError(record.id);
    }
    records.set(record.id, record);
  }

  private openRecord(requestId: string): AuditRecord {
    const record = this.live().get(requestId);
    if (record === undefined) {
      throw new UnknownAuditRequestError(requestId);
    }
    if (record.status !== 'open') {
      throw new AuditRequestNotOpenError(requestId, record.status);
    }
    return record;
  }

  /** Same order as the SQLite store: created time, then id. */
  private sortedOldestFirst(): AuditRecord[] {
    return [...this.live().values()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id),
    );
  }

  private live(): Map<string, AuditRecord> {
    if (this.closed) {
      throw new Error('MemoryAuditStore is closed. Create a new store instead of reusing a closed one.');
    }
    return this.records;
  }
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function copyRecord(record: AuditRecord): AuditRecord {
  return {
    ...record,
    targetUserIds: [...record.targetUserIds],
    createdAt: new Date(record.createdAt),
    closedAt: record.closedAt === null ? null : new Date(record.closedAt),
    outcomes: record.outcomes.map((outcome) => ({ ...outcome, at: new Date(outcome.at) })),
  };
}
