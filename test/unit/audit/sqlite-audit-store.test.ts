import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AuditRecord } from '../../../src/audit/audit-store';
import { AuditSchemaTooNewError, MIGRATIONS, migrate } from '../../../src/audit/migrations';
import { openAuditDatabase, SqliteAuditStore } from '../../../src/audit/sqlite-audit-store';
import { makeRequest, makeTempDir, minutesAfterStart } from './helpers';

const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

async function collectIds(records: AsyncIterable<AuditRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of records) {
    ids.push(record.id);
  }
  return ids;
}

function readSchema(file: string): { version: unknown; names: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const version = db.pragma('user_version', { simple: true });
    const names = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name")
      .pluck()
      .all();
    return { version, names };
  } finally {
    db.close();
  }
}

describe('SqliteAuditStore file', () => {
  let dir: string;
  let remove: () => void;
  let file: string;

  beforeEach(() => {
    ({ dir, remove } = makeTempDir());
    file = path.join(dir, 'nested', 'folder', 'audit.sqlite3');
  });

  afterEach(() => {
    remove();
  });

  it('first open creates folders and schema', async () => {
    const store = SqliteAuditStore.open(file);
    await store.close();

    const { version, names } = readSchema(file);
    expect(version).toBe(LATEST_VERSION);
    expect(names).toEqual(
      expect.arrayContaining([
        'requests',
        'request_targets',
        'outcomes',
        'requests_created_at',
        'requests_requester_id',
        'request_targets_user_id',
        'outcomes_request_id',
      ]),
    );
  });

  it('connection uses durable settings', () => {
    const db = openAuditDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 is FULL: SQLite syncs the write-ahead log on every commit.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('reopen keeps data and version', async () => {
    const first = SqliteAuditStore.open(file);
    await first.beginRequest(makeRequest());
    await first.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(1) });
    await first.close();

    // The first migration uses plain CREATE TABLE, so running it again would throw here.
    const second = SqliteAuditStore.open(file);
    const record = await second.getRequest('req-1');
    await second.close();

    expect(record?.status).toBe('open');
    expect(record?.outcomes).toHaveLength(1);
    expect(readSchema(file).version).toBe(LATEST_VERSION);
  });

  it('reopen finds request by submission key', async () => {
    const first = SqliteAuditStore.open(file);
    await first.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));
    await first.close();

    const second = SqliteAuditStore.open(file);
    const record = await second.findBySubmissionKey('V0001:1.hash');
    await second.close();

    expect(record?.id).toBe('req-1');
  });

  it('version 2 file gains submission key', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 2));
    old.close();

    const store = SqliteAuditStore.open(file);
    await store.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));
    const record = await store.findBySubmissionKey('V0001:1.hash');
    await store.close();

    expect(record?.id).toBe('req-1');
    expect(readSchema(file).names).toContain('requests_submission_key');
  });

  it('version 3 open request has unknown owner and is interrupted', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 3));
    old
      .prepare(
        `INSERT INTO requests (id, action, status, requester_id, reason, dry_run, source, created_at)
         VALUES ('old-1', 'reset', 'open', 'UADMIN1', 'Laptop stolen', 0, 'cli', ?)`,
      )
      .run(minutesAfterStart(0).toISOString());
    old.close();

    const store = SqliteAuditStore.open(file);
    const { interrupted } = await store.interruptOpenRequests(minutesAfterStart(10));
    await store.close();

    expect(interrupted.map((record) => record.id)).toEqual(['old-1']);
  });

  it('newer schema version is rejected', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();

    expect(() => SqliteAuditStore.open(file)).toThrow(AuditSchemaTooNewError);
    expect(() => SqliteAuditStore.open(file)).toThrow(
      `Audit database ${file} has schema version ${LATEST_VERSION + 5}, but this build supports up to ` +
        `version ${LATEST_VERSION}.`,
    );
    expect(readSchema(file).names).toEqual([]);
  });

  it('fileMustExist does not create file', () => {
    expect(() => SqliteAuditStore.open(file, { fileMustExist: true })).toThrow();
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('invalid pageSize throws', () => {
    expect(() => SqliteAuditStore.open(file, { pageSize: 0 })).toThrow('pageSize must be a positive integer');
  });

  it('listSince reads across pages', async () => {
    const store = SqliteAuditStore.open(file, { pageSize: 3 });
    const expected: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const id = `req-${String(index).padStart(2, '0')}`;
      await store.beginRequest(makeRequest({ id, createdAt: minutesAfterStart(index) }));
      if (index >= 2) {
        expected.push(id);
      }
    }

    const ids = await collectIds(store.listSince(minutesAfterStart(2)));
    await store.close();

    expect(ids).toEqual(expected);
  });

  it('listSince pages through equal times', async () => {
    const store = SqliteAuditStore.open(file, { pageSize: 2 });
    for (const id of ['e', 'c', 'a', 'd', 'b']) {
      await store.beginRequest(makeRequest({ id, createdAt: minutesAfterStart(1) }));
    }

    const ids = await collectIds(store.listSince(minutesAfterStart(1)));
    await store.close();

    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('listSince page boundary at exact size', async () => {
    const store = SqliteAuditStore.open(file, { pageSize: 2 });
    for (const id of ['a', 'b', 'c', 'd']) {
      await store.beginRequest(makeRequest({ id, createdAt: minutesAfterStart(1) }));
    }

    const ids = await collectIds(store.listSince(minutesAfterStart(0)));
    await store.close();

    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });
});
