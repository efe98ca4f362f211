import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SessionScope } from '../slack/scope';
import type {
  AuditAction,
  AuditOutcome,
  AuditRecord,
  AuditRefusal,
  AuditSource,
  AuditStatus,
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
import { migrate } from './migrations';
import { currentOwner, judgeOwner, type RequestOwner } from './request-owner';

const DEFAULT_PAGE_SIZE = 500;
const BUSY_TIMEOUT_MS = 5000;

export interface SqliteAuditStoreOptions {
  /** Records read per query by `listSince`. */
  pageSize?: number;
  /** When true, opening a missing file throws instead of creating it and its folders. */
  fileMustExist?: boolean;
  /** The process this store runs in; tests set it to act as another process. Defaults to this one. */
  owner?: RequestOwner;
}

interface RequestRow {
  id: string;
  action: AuditAction;
  status: AuditStatus;
  requester_id: string;
  team_id: string | null;
  enterprise_id: string | null;
  scope: SessionScope | null;
  reason: string;
  dry_run: number;
  source: AuditSource;
  session_id: string | null;
  session_summary: string | null;
  detail: string | null;
  submission_key: string | null;
  owner_host: string | null;
  owner_pid: number | null;
  created_at: string;
  closed_at: string | null;
}

interface OutcomeRow {
  user_id: string;
  ok: number;
  error: string | null;
  queued: number;
  at: string;
}

/**
 * Opens the file with settings that make every committed transaction durable, then migrates it.
 * In WAL mode, `synchronous = FULL` syncs the log on every commit (SQLite docs, PRAGMA synchronous), so a
 * commit survives kill -9, and power loss too when the disk honors fsync.
 */
export function openAuditDatabase(file: string, fileMustExist = false): Database.Database {
  if (!fileMustExist) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file, { fileMustExist });

  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** A write waiting for the next group commit, with the callbacks of the promise its caller awaits. */
interface QueuedWrite {
  run: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Audit store in one SQLite file. Every method commits before its promise resolves.
 *
 * Writes are committed in groups: those requested in one turn of the event loop run in one transaction,
 * each in its own savepoint, so concurrent submissions share one fsync instead of blocking the event loop
 * for one each. A write that fails rolls back only its savepoint and rejects only its own promise.
 */
export class SqliteAuditStore implements AuditStore {
  private queuedWrites: QueuedWrite[] = [];
  private flushScheduled = false;
  private readonly runBatch;
  private readonly runInSavepoint;
  private readonly insertRequestRow;
  private readonly insertTarget;
  private readonly insertOutcomeRow;
  private readonly selectRequest;
  private readonly selectBySubmissionKey;
  private readonly selectStatus;
  private readonly selectTargets;
  private readonly selectOutcomes;
  private readonly closeRequest;

  private constructor(
    private readonly db: Database.Database,
    private readonly pageSize: number,
    private readonly owner: RequestOwner,
  ) {
    this.insertRequestRow = db.prepare<RequestRow>(
      `INSERT INTO requests (id, action, status, requester_id, team_id, enterprise_id, scope, reason, dry_run,
         source, session_id, session_summary, detail, submission_key, owner_host, owner_pid, created_at,
         closed_at)
       VALUES (@id, @action, @status, @requester_id, @team_id, @enterprise_id, @scope, @reason, @dry_run,
         @source, @session_id, @session_summary, @detail, @submission_key, @owner_host, @owner_pid,
         @created_at, @closed_at)`,
    );
    this.insertTarget = db.prepare<[string, string, number]>(
      'INSERT INTO request_targets (request_id, user_id, position) VALUES (?, ?, ?)',
    );
    this.insertOutcomeRow = db.prepare<[string, string, number, string | null, number, string]>(
      'INSERT INTO outcomes (request_id, user_id, ok, error, queued, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectRequest = db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE id = ?');
    this.selectBySubmissionKey = db.prepare<[string], RequestRow>(
      'SELECT * FROM requests WHERE submission_key = ?',
    );
    this.selectStatus = db.prepare<[string], AuditStatus>('SELECT status FROM requests WHERE id = ?').pluck();
    this.selectTargets = db
      .prepare<[string], string>('SELECT user_id FROM request_targets WHERE request_id = ? ORDER BY position')
      .pluck();
    this.selectOutcomes = db.prepare<[string], OutcomeRow>(
      'SELECT user_id, ok, error, queued, at FROM outcomes WHERE request_id = ? ORDER BY id',
    );
    this.closeRequest = db.prepare<[AuditStatus, string, string]>(
      'UPDATE requests SET status = ?, closed_at = ? WHERE id = ?',
    );
    // Called inside runBatch's transaction, better-sqlite3 runs this one as a savepoint.
    this.runInSavepoint = db.transaction((write: () => void) => write());
    this.runBatch = db.transaction((batch: readonly QueuedWrite[]) => this.runWrites(batch));
  }

  /** Opens or creates the file (and its parent folders) and applies pending migrations. */
  static open(file: string, options: SqliteAuditStoreOptions = {}): SqliteAuditStore {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new RangeError(`pageSize must be a positive integer, got ${pageSize}.`);
    }
    const db = openAuditDatabase(file, options.fileMustExist);
    return new SqliteAuditStore(db, pageSize, options.owner ?? currentOwner());
  }

  async beginRequest(request: NewAuditRequest): Promise<void> {
    const owner = request.owner ?? this.owner;

    await this.insertRequest(
      {
        id: request.id,
        action: request.action,
        status: 'open',
        requester_id: request.requesterId,
        team_id: request.teamId,
        enterprise_id: request.enterpriseId,
        scope: request.scope,
        reason: request.reason,
        dry_run: request.dryRun ? 1 : 0,
        source: request.source,
        session_id: request.sessionId ?? null,
        session_summary: request.sessionSummary ?? null,
        detail: null,
        submission_key: request.submissionKey ?? null,
        owner_host: owner.host,
        owner_pid: owner.pid,
        created_at: toText(request.createdAt, 'createdAt'),
        closed_at: null,
      },
      request.targetUserIds,
    );
  }

  async recordOutcome(requestId: string, outcome: AuditOutcome): Promise<void> {
    const at = toText(outcome.at, 'outcome.at');

    await this.commit(() => {
      this.requireOpen(requestId);
      this.insertOutcomeRow.run(
        requestId,
        outcome.userId,
        outcome.ok ? 1 : 0,
        outcome.error ?? null,
        outcome.queued ? 1 : 0,
        at,
      );
    });
  }

  async completeRequest(requestId: string, closedAt: Date): Promise<void> {
    const closedAtText = toText(closedAt, 'closedAt');

    await this.commit(() => {
      this.requireOpen(requestId);
      this.closeRequest.run('completed', closedAtText, requestId);
    });
  }

  /** Stores the refusal as closed at its creation time, because no admin call will follow it. */
  async recordRefusal(refusal: AuditRefusal): Promise<void> {
    const createdAt = toText(refusal.createdAt, 'createdAt');

    await this.insertRequest(
      {
        id: refusal.id,
        action: refusal.action,
        status: refusal.status,
        requester_id: refusal.requesterId,
        team_id: refusal.teamId,
        enterprise_id: refusal.enterpriseId,
        scope: refusal.scope,
        reason: refusal.reason,
        dry_run: 0,
        source: refusal.source,
        session_id: null,
        session_summary: null,
        detail: refusal.detail,
        submission_key: null,
        owner_host: null,
        owner_pid: null,
        created_at: createdAt,
        closed_at: createdAt,
      },
      refusal.targetUserIds,
    );
  }

  async interruptOpenRequests(closedAt: Date): Promise<InterruptResult> {
    const closedAtText = toText(closedAt, 'closedAt');
    const selectOpen = this.db.prepare<[], RequestRow>(
      "SELECT * FROM requests WHERE status = 'open' ORDER BY created_at, id",
    );

    return this.db
      .transaction((): InterruptResult => {
        const result: InterruptResult = { interrupted: [], ownedByOtherHost: [] };
        for (const row of selectOpen.all()) {
          const owner = rowOwner(row);
          const verdict = judgeOwner(owner, this.owner);
          if (verdict === 'interrupt') {
            this.closeRequest.run('interrupted', closedAtText, row.id);
            result.interrupted.push(
              this.toRecord({ ...row, status: 'interrupted', closed_at: closedAtText }),
            );
          } else if (verdict === 'other_host' && owner !== null) {
            result.ownedByOtherHost.push({ id: row.id, host: owner.host });
          }
        }
        return result;
      })
      .immediate();
  }

  async getRequest(id: string): Promise<AuditRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.selectRequest.get(id);
      return row === undefined ? undefined : this.toRecord(row);
    })();
  }

  async findBySubmissionKey(submissionKey: string): Promise<AuditRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.selectBySubmissionKey.get(submissionKey);
      return row === undefined ? undefined : this.toRecord(row);
    })();
  }

  async listHistory(query: HistoryQuery): Promise<{ records: AuditRecord[]; total: number }> {
    requireValidPage(query);
    const { where, params } = historyFilter(query);
    const count = this.db.prepare<string[], number>(`SELECT COUNT(*) FROM requests ${where}`).pluck();
    const page = this.db.prepare<Array<string | number>, RequestRow>(
      `SELECT * FROM requests ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    );

    // One read transaction, so `total` and the page come from the same snapshot.
    return this.db.transaction(() => {
      const total = count.get(...params) ?? 0;
      const rows = page.all(...params, query.limit, query.offset);
      return { records: rows.map((row) => this.toRecord(row)), total };
    })();
  }

  /**
   * Reads `pageSize` records per query, continuing after the last (created_at, id) seen. Unlike OFFSET,
   * this neither skips nor repeats a stored record when new requests are written during the export.
   */
  async *listSince(since: Date): AsyncGenerator<AuditRecord> {
    const sinceText = toText(since, 'since');
    const firstPage = this.db.prepare<[string, number], RequestRow>(
      'SELECT * FROM requests WHERE created_at >= ? ORDER BY created_at, id LIMIT ?',
    );
    const nextPage = this.db.prepare<[string, string, number], RequestRow>(
      'SELECT * FROM requests WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?',
    );

    let cursor: { createdAt: string; id: string } | undefined;
    for (;;) {
      const after = cursor;
      // Rows, targets and outcomes of one page come from the same snapshot.
      const records = this.db.transaction(() => {
        const rows =
          after === undefined
            ? firstPage.all(sinceText, this.pageSize)
            : nextPage.all(after.createdAt, after.id, this.pageSize);
        return rows.map((row) => this.toRecord(row));
      })();
      yield* records;

      const last = records.at(-1);
      if (last === undefined || records.length < this.pageSize) {
        return;
      }
      cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
    }
  }

  /** Commits the writes still waiting for their group, then closes the file. */
  async close(): Promise<void> {
    this.flush();
    this.db.close();
  }

  private insertRequest(row: RequestRow, targetUserIds: readonly string[]): Promise<void> {
    return this.commit(() => {
      if (this.selectStatus.get(row.id) !== undefined) {
        throw new DuplicateAuditRequestError(row.id);
      }
      // Checked here rather than left to the unique index, so the caller gets an error it can match on.
      if (row.submission_key !== null && this.selectBySubmissionKey.get(row.submission_key) !== undefined) {
        throw new DuplicateSubmissionKeyError(row.submission_key);
      }

      this.insertRequestRow.run(row);
      targetUserIds.forEach((userId, position) => {
        this.insertTarget.run(row.id, userId, position);
      });
    });
  }

  /** Queues `write` for the next group commit and resolves once that commit is on disk. */
  private commit(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queuedWrites.push({ run: write, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate runs after the I/O callbacks of this turn, so the requests read in it share the commit.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queuedWrites;
    this.queuedWrites = [];
    if (batch.length === 0) {
      return;
    }

    let failures: Map<QueuedWrite, unknown>;
    try {
      failures = this.runBatch.immediate(batch);
    } catch (error) {
      // Nothing in the batch was committed.
      for (const write of batch) {
        write.reject(error);
      }
      return;
    }

    for (const write of batch) {
      if (failures.has(write)) {
        write.reject(failures.get(write));
      } else {
        write.resolve();
      }
    }
  }

  /** Runs each write in its own savepoint and returns the errors of those that were rolled back. */
  private runWrites(batch: readonly QueuedWrite[]): Map<QueuedWrite, unknown> {
    const failures = new Map<QueuedWrite, unknown>();
    for (const write of batch) {
      try {
        this.runInSavepoint(write.run);
      } catch (error) {
        if (!this.db.inTransaction) {
          // SQLite rolled back the whole transaction (for example on a full disk), so every write failed.
          throw error;
        }
        failures.set(write, error);
      }
    }
    return failures;
  }

  private requireOpen(requestId: string): void {
    const status = this.selectStatus.get(requestId);
    if (status === undefined) {
      throw new UnknownAuditRequestError(requestId);
    }
    if (status !== 'open') {
      throw new AuditRequestNotOpenError(requestId, status);
    }
  }

  private toRecord(row: RequestRow): AuditRecord {
    return {
      id: row.id,
      action: row.action,
      status: row.status,
      requesterId: row.requester_id,
      teamId: row.team_id,
      enterpriseId: row.enterprise_id,
      targetUserIds: this.selectTargets.all(row.id),
      scope: row.scope,
      reason: row.reason,
      dryRun: row.dry_run === 1,
      source: row.source,
      sessionId: row.session_id,
      sessionSummary: row.session_summary,
      detail: row.detail,
      createdAt: new Date(row.created_at),
      closedAt: row.closed_at === null ? null : new Date(row.closed_at),
      outcomes: this.selectOutcomes.all(row.id).map(toOutcome),
    };
  }
}

/** Rows written before migration 4, or with half an owner, have no owner to check. */
function rowOwner(row: RequestRow): RequestOwner | null {
  return row.owner_host === null || row.owner_pid === null
    ? null
    : { host: row.owner_host, pid: row.owner_pid };
}

function historyFilter(query: HistoryQuery): { where: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];

  if (query.requesterId !== undefined) {
    conditions.push('requester_id = ?');
    params.push(query.requesterId);
  }
  if (query.targetUserId !== undefined) {
    conditions.push('id IN (SELECT request_id FROM request_targets WHERE user_id = ?)');
    params.push(query.targetUserId);
  }

  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return { where, params };
}

function toOutcome(row: OutcomeRow): AuditOutcome {
  const outcome: AuditOutcome = { userId: row.user_id, ok: row.ok === 1, at: new Date(row.at) };
  if (row.error !== null) {
    outcome.error = row.error;
  }
  if (row.queued === 1) {
    outcome.queued = true;
  }
  return outcome;
}

function toText(date: Date, field: string): string {
  return requireStorableDate(date, field).toISOString();
}
