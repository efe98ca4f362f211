import path from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateAuditRequestError } from '../../../src/audit/audit-store-errors';
import { SqliteAuditStore } from '../../../src/audit/sqlite-audit-store';
import { makeRequest, makeTempDir, minutesAfterStart } from './helpers';

const CONCURRENT_WRITES = 50;

/** Returns the number of frames in the write-ahead log, read through a second connection. */
function walFrames(file: string): number {
  const db = new Database(file);
  try {
    const checkpoint = db
      .prepare<[], { busy: number; log: number; checkpointed: number }>('PRAGMA wal_checkpoint(PASSIVE)')
      .get();
    return checkpoint?.log ?? 0;
  } finally {
    db.close();
  }
}

function requestIds(count: number): string[] {
  return Array.from({ length: count }, (_unused, index) => `req-${index}`);
}

describe('SqliteAuditStore group commit', () => {
  let remove: () => void;
  let file: string;
  let store: SqliteAuditStore;

  beforeEach(() => {
    let dir: string;
    ({ dir, remove } = makeTempDir());
    file = path.join(dir, 'audit.sqlite3');
    store = SqliteAuditStore.open(file);
  });

  afterEach(async () => {
    await store.close();
    remove();
  });

  it('concurrent writes are all stored', async () => {
    const ids = requestIds(CONCURRENT_WRITES);

    await Promise.all(ids.map((id) => store.beginRequest(makeRequest({ id }))));

    for (const id of ids) {
      expect((await store.getRequest(id))?.status).toBe('open');
    }
  });

  it('concurrent writes share commits', async () => {
    // After a complete checkpoint the next commit starts the log over, so the count below is the writes' own.
    walFrames(file);

    await Promise.all(requestIds(CONCURRENT_WRITES).map((id) => store.beginRequest(makeRequest({ id }))));

    // Every commit appends at least one frame: 50 writes committed one by one append about 350 here.
    expect(walFrames(file)).toBeLessThan(CONCURRENT_WRITES);
  });

  it('failed write rejects only itself', async () => {
    await store.beginRequest(makeRequest({ id: 'taken' }));

    const results = await Promise.allSettled([
      store.beginRequest(makeRequest({ id: 'first' })),
      store.beginRequest(makeRequest({ id: 'taken' })),
      store.beginRequest(makeRequest({ id: 'last' })),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: expect.any(DuplicateAuditRequestError) });
    expect(await store.getRequest('first')).toBeDefined();
    expect(await store.getRequest('last')).toBeDefined();
  });

  it('failed write leaves no partial rows', async () => {
    await store.beginRequest(makeRequest({ id: 'taken', targetUserIds: ['U0001'] }));

    await expect(
      store.beginRequest(makeRequest({ id: 'taken', targetUserIds: ['U0002', 'U0003'] })),
    ).rejects.toThrow(DuplicateAuditRequestError);

    expect((await store.getRequest('taken'))?.targetUserIds).toEqual(['U0001']);
  });

  it('writes in one batch see earlier ones', async () => {
    const begun = store.beginRequest(makeRequest({ id: 'req-1' }));
    const outcome = store.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(1) });
    const completed = store.completeRequest('req-1', minutesAfterStart(2));

    await Promise.all([begun, outcome, completed]);

    const record = await store.getRequest('req-1');
    expect(record?.status).toBe('completed');
    expect(record?.outcomes).toHaveLength(1);
  });

  it('close commits queued writes', async () => {
    const begun = store.beginRequest(makeRequest({ id: 'queued' }));

    await store.close();
    await begun;
    store = SqliteAuditStore.open(file);

    expect((await store.getRequest('queued'))?.status).toBe('open');
  });
});
