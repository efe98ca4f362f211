import os from 'node:os';
import path from 'node:path';
import type { AuditRecord, AuditStore } from '../../../src/audit/audit-store';
import {
  AuditRequestNotOpenError,
  DuplicateAuditRequestError,
  DuplicateSubmissionKeyError,
  UnknownAuditRequestError,
} from '../../../src/audit/audit-store-errors';
import { MemoryAuditStore } from '../../../src/audit/memory-audit-store';
import { SqliteAuditStore } from '../../../src/audit/sqlite-audit-store';
import { exitedPid, type Sleeper, startSleeper } from '../../support/processes';
import { makeRefusal, makeRequest, makeTempDir, minutesAfterStart, T0 } from './helpers';

async function collect(records: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const result: AuditRecord[] = [];
  for await (const record of records) {
    result.push(record);
  }
  return result;
}

type StoreFactory = () => { store: AuditStore; cleanUp: () => void };

const factories: Array<[string, StoreFactory]> = [
  [
    'SqliteAuditStore',
    () => {
      const temp = makeTempDir();
      return { store: SqliteAuditStore.open(path.join(temp.dir, 'audit.sqlite3')), cleanUp: temp.remove };
    },
  ],
  ['MemoryAuditStore', () => ({ store: new MemoryAuditStore(), cleanUp: () => undefined })],
];

describe.each(factories)('%s', (_name, createStore) => {
  let store: AuditStore;
  let cleanUp: () => void;

  beforeEach(() => {
    ({ store, cleanUp } = createStore());
  });

  afterEach(async () => {
    await store.close();
    cleanUp();
  });

  it('round trip begin, outcomes, complete', async () => {
    await store.beginRequest(makeRequest({ scope: 'mobile', dryRun: true }));
    await store.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(1) });
    await store.recordOutcome('req-1', {
      userId: 'U0002',
      ok: false,
      error: 'user_not_found',
      at: minutesAfterStart(2),
    });
    await store.completeRequest('req-1', minutesAfterStart(3));

    expect(await store.getRequest('req-1')).toStrictEqual({
      id: 'req-1',
      action: 'reset',
      status: 'completed',
      requesterId: 'UADMIN1',
      teamId: 'T0001',
      enterpriseId: 'E0001',
      targetUserIds: ['U0001', 'U0002'],
      scope: 'mobile',
      reason: 'Laptop stolen',
      dryRun: true,
      source: 'modal',
      sessionId: null,
      sessionSummary: null,
      detail: null,
      createdAt: T0,
      closedAt: minutesAfterStart(3),
      outcomes: [
        { userId: 'U0001', ok: true, at: minutesAfterStart(1) },
        { userId: 'U0002', ok: false, error: 'user_not_found', at: minutesAfterStart(2) },
      ],
    });
  });

  it('invalidate keeps session fields', async () => {
    await store.beginRequest(
      makeRequest({
        action: 'invalidate',
        scope: null,
        teamId: null,
        targetUserIds: ['U0001'],
        sessionId: '12345',
        sessionSummary: 'Slack for Mac, 203.0.113.7',
      }),
    );

    const record = await store.getRequest('req-1');
    expect(record?.action).toBe('invalidate');
    expect(record?.scope).toBeNull();
    expect(record?.teamId).toBeNull();
    expect(record?.sessionId).toBe('12345');
    expect(record?.sessionSummary).toBe('Slack for Mac, 203.0.113.7');
  });

  it('getRequest unknown id is undefined', async () => {
    expect(await store.getRequest('nope')).toBeUndefined();
  });

  it('outcome for unknown request throws', async () => {
    const outcome = { userId: 'U0001', ok: true, at: T0 };

    await expect(store.recordOutcome('nope', outcome)).rejects.toThrow(UnknownAuditRequestError);
    await expect(store.recordOutcome('nope', outcome)).rejects.toThrow('Audit request "nope" not found');
  });

  it('complete for unknown request throws', async () => {
    await expect(store.completeRequest('nope', T0)).rejects.toThrow(UnknownAuditRequestError);
  });

  it('outcome after complete throws', async () => {
    await store.beginRequest(makeRequest());
    await store.completeRequest('req-1', minutesAfterStart(1));

    const late = store.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(2) });
    await expect(late).rejects.toThrow(AuditRequestNotOpenError);
    expect((await store.getRequest('req-1'))?.outcomes).toEqual([]);
  });

  it('complete twice throws', async () => {
    await store.beginRequest(makeRequest());
    await store.completeRequest('req-1', minutesAfterStart(1));

    await expect(store.completeRequest('req-1', minutesAfterStart(2))).rejects.toThrow(
      'is completed, not open',
    );
  });

  it('duplicate id throws', async () => {
    await store.beginRequest(makeRequest());

    await expect(store.beginRequest(makeRequest({ reason: 'again' }))).rejects.toThrow(
      DuplicateAuditRequestError,
    );
    await expect(store.recordRefusal(makeRefusal({ id: 'req-1' }))).rejects.toThrow(
      DuplicateAuditRequestError,
    );
    expect((await store.getRequest('req-1'))?.reason).toBe('Laptop stolen');
  });

  describe('submission key', () => {
    it('finds the request begun with it', async () => {
      await store.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));
      await store.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(1) });

      const record = await store.findBySubmissionKey('V0001:1.hash');
      expect(record?.id).toBe('req-1');
      expect(record?.outcomes).toHaveLength(1);
    });

    it('unknown key is undefined', async () => {
      await store.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));

      expect(await store.findBySubmissionKey('V0001:2.hash')).toBeUndefined();
    });

    it('request without key is not found by key', async () => {
      await store.beginRequest(makeRequest());

      expect(await store.findBySubmissionKey('')).toBeUndefined();
    });

    it('many requests may have no key', async () => {
      await store.beginRequest(makeRequest());
      await store.beginRequest(makeRequest({ id: 'req-2' }));

      expect((await store.listHistory({ limit: 10, offset: 0 })).total).toBe(2);
    });

    it('duplicate key throws', async () => {
      await store.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));

      const again = store.beginRequest(makeRequest({ id: 'req-2', submissionKey: 'V0001:1.hash' }));
      await expect(again).rejects.toThrow(DuplicateSubmissionKeyError);
      expect(await store.getRequest('req-2')).toBeUndefined();
    });

    it('duplicate id keeps key free', async () => {
      await store.beginRequest(makeRequest());

      const again = store.beginRequest(makeRequest({ submissionKey: 'V0001:1.hash' }));
      await expect(again).rejects.toThrow(DuplicateAuditRequestError);
      expect(await store.findBySubmissionKey('V0001:1.hash')).toBeUndefined();
    });
  });

  it('invalid date throws', async () => {
    await expect(store.beginRequest(makeRequest({ createdAt: new Date('nonsense') }))).rejects.toThrow(
      'createdAt is an invalid Date',
    );
    expect(await store.getRequest('req-1')).toBeUndefined();
  });

  it('refusals stored with status and detail', async () => {
    await store.recordRefusal(makeRefusal());
    await store.recordRefusal(
      makeRefusal({
        id: 'ref-2',
        status: 'rejected',
        detail: 'Pick at least one person.',
        targetUserIds: [],
      }),
    );

    const refused = await store.getRequest('ref-1');
    expect(refused?.status).toBe('refused');
    expect(refused?.detail).toBe('not_listed');
    expect(refused?.closedAt).toEqual(T0);
    expect(refused?.dryRun).toBe(false);
    expect(refused?.outcomes).toEqual([]);

    const rejected = await store.getRequest('ref-2');
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.detail).toBe('Pick at least one person.');
    expect(rejected?.targetUserIds).toEqual([]);
  });

  it('refusal accepts no outcomes', async () => {
    await store.recordRefusal(makeRefusal());

    await expect(store.recordOutcome('ref-1', { userId: 'U0001', ok: true, at: T0 })).rejects.toThrow(
      'is refused, not open',
    );
  });

  it('interrupt marks only open requests', async () => {
    await store.beginRequest(makeRequest({ id: 'open-b', createdAt: minutesAfterStart(2) }));
    await store.beginRequest(makeRequest({ id: 'open-a', createdAt: minutesAfterStart(1) }));
    await store.beginRequest(makeRequest({ id: 'done', createdAt: minutesAfterStart(0) }));
    await store.recordRefusal(makeRefusal({ id: 'refused' }));
    await store.recordOutcome('open-a', { userId: 'U0001', ok: true, at: minutesAfterStart(3) });
    await store.completeRequest('done', minutesAfterStart(4));

    const { interrupted } = await store.interruptOpenRequests(minutesAfterStart(10));

    expect(interrupted.map((record) => record.id)).toEqual(['open-a', 'open-b']);
    expect(interrupted.map((record) => record.status)).toEqual(['interrupted', 'interrupted']);
    expect(interrupted[0]?.closedAt).toEqual(minutesAfterStart(10));
    expect(interrupted[0]?.outcomes).toEqual([{ userId: 'U0001', ok: true, at: minutesAfterStart(3) }]);
    expect((await store.getRequest('open-b'))?.status).toBe('interrupted');
    expect((await store.getRequest('done'))?.status).toBe('completed');
    expect((await store.getRequest('refused'))?.status).toBe('refused');
  });

  it('interrupt with nothing open is empty', async () => {
    await store.recordRefusal(makeRefusal());

    expect(await store.interruptOpenRequests(T0)).toEqual({ interrupted: [], ownedByOtherHost: [] });
  });

  describe('interrupt by owner', () => {
    const host = os.hostname();
    let sleeper: Sleeper;

    beforeAll(() => {
      sleeper = startSleeper();
    });

    afterAll(async () => {
      await sleeper.stop();
    });

    async function interruptedIds(): Promise<string[]> {
      const { interrupted } = await store.interruptOpenRequests(minutesAfterStart(10));
      return interrupted.map((record) => record.id);
    }

    it('exited owner is interrupted', async () => {
      await store.beginRequest(makeRequest({ owner: { host, pid: await exitedPid() } }));

      expect(await interruptedIds()).toEqual(['req-1']);
    });

    it('live owner stays open', async () => {
      await store.beginRequest(makeRequest({ owner: { host, pid: sleeper.pid } }));

      expect(await interruptedIds()).toEqual([]);
      expect((await store.getRequest('req-1'))?.status).toBe('open');
    });

    it('live owner can still complete', async () => {
      await store.beginRequest(makeRequest({ owner: { host, pid: sleeper.pid } }));
      await store.interruptOpenRequests(minutesAfterStart(10));

      await store.recordOutcome('req-1', { userId: 'U0001', ok: true, at: minutesAfterStart(11) });
      await store.completeRequest('req-1', minutesAfterStart(12));

      expect((await store.getRequest('req-1'))?.status).toBe('completed');
    });

    it('own requests are interrupted', async () => {
      await store.beginRequest(makeRequest());

      expect(await interruptedIds()).toEqual(['req-1']);
    });

    it('other host owner stays open and is listed', async () => {
      await store.beginRequest(makeRequest({ owner: { host: `not-${host}`, pid: sleeper.pid } }));

      const result = await store.interruptOpenRequests(minutesAfterStart(10));

      expect(result).toEqual({ interrupted: [], ownedByOtherHost: [{ id: 'req-1', host: `not-${host}` }] });
      expect((await store.getRequest('req-1'))?.status).toBe('open');
    });
  });

  describe('history', () => {
    beforeEach(async () => {
      await store.beginRequest(
        makeRequest({
          id: 'a',
          requesterId: 'UADMIN1',
          targetUserIds: ['U0001'],
          createdAt: minutesAfterStart(1),
        }),
      );
      await store.beginRequest(
        makeRequest({
          id: 'b',
          requesterId: 'UADMIN2',
          targetUserIds: ['U0001', 'U0002'],
          createdAt: minutesAfterStart(2),
        }),
      );
      await store.recordRefusal(
        makeRefusal({
          id: 'c',
          requesterId: 'UADMIN1',
          targetUserIds: ['U0002'],
          createdAt: minutesAfterStart(3),
        }),
      );
      await store.beginRequest(
        makeRequest({
          id: 'd',
          requesterId: 'UADMIN1',
          targetUserIds: ['U0001'],
          createdAt: minutesAfterStart(4),
        }),
      );
    });

    it('all requests newest first', async () => {
      const { records, total } = await store.listHistory({ limit: 10, offset: 0 });

      expect(records.map((record) => record.id)).toEqual(['d', 'c', 'b', 'a']);
      expect(total).toBe(4);
    });

    it('by requester', async () => {
      const { records, total } = await store.listHistory({ requesterId: 'UADMIN1', limit: 10, offset: 0 });

      expect(records.map((record) => record.id)).toEqual(['d', 'c', 'a']);
      expect(total).toBe(3);
    });

    it('by target', async () => {
      const { records, total } = await store.listHistory({ targetUserId: 'U0001', limit: 10, offset: 0 });

      expect(records.map((record) => record.id)).toEqual(['d', 'b', 'a']);
      expect(total).toBe(3);
    });

    it('by requester and target', async () => {
      const query = { requesterId: 'UADMIN1', targetUserId: 'U0002', limit: 10, offset: 0 };
      const { records, total } = await store.listHistory(query);

      expect(records.map((record) => record.id)).toEqual(['c']);
      expect(total).toBe(1);
    });

    it('limit and offset keep total', async () => {
      const { records, total } = await store.listHistory({ targetUserId: 'U0001', limit: 2, offset: 1 });

      expect(records.map((record) => record.id)).toEqual(['b', 'a']);
      expect(total).toBe(3);
    });

    it('offset past end is empty', async () => {
      const { records, total } = await store.listHistory({ limit: 5, offset: 10 });

      expect(records).toEqual([]);
      expect(total).toBe(4);
    });

    it('unknown person is empty', async () => {
      const { records, total } = await store.listHistory({ targetUserId: 'UNOBODY', limit: 5, offset: 0 });

      expect(records).toEqual([]);
      expect(total).toBe(0);
    });

    it('invalid limit throws', async () => {
      await expect(store.listHistory({ limit: -1, offset: 0 })).rejects.toThrow(RangeError);
      await expect(store.listHistory({ limit: 1.5, offset: 0 })).rejects.toThrow('limit');
      await expect(store.listHistory({ limit: 1, offset: -2 })).rejects.toThrow('offset');
    });

    it('same time orders by id', async () => {
      await store.beginRequest(makeRequest({ id: 'e2', createdAt: minutesAfterStart(9) }));
      await store.beginRequest(makeRequest({ id: 'e1', createdAt: minutesAfterStart(9) }));

      const { records } = await store.listHistory({ limit: 2, offset: 0 });
      expect(records.map((record) => record.id)).toEqual(['e2', 'e1']);
    });
  });

  it('listSince at or after date, oldest first', async () => {
    await store.beginRequest(makeRequest({ id: 'late', createdAt: minutesAfterStart(5) }));
    await store.beginRequest(makeRequest({ id: 'before', createdAt: minutesAfterStart(-1) }));
    await store.recordRefusal(makeRefusal({ id: 'exact', createdAt: minutesAfterStart(0) }));
    await store.beginRequest(makeRequest({ id: 'middle', createdAt: minutesAfterStart(2) }));

    const records = await collect(store.listSince(T0));

    expect(records.map((record) => record.id)).toEqual(['exact', 'middle', 'late']);
  });

  it('listSince on empty store yields nothing', async () => {
    expect(await collect(store.listSince(T0))).toEqual([]);
  });

  it('reason text round trips exactly', async () => {
    const reason =
      '  <!channel> <@U123> said &lt;b&gt; & "quotes" \'single\' 🔥👩🏽‍💻 é\nsecond line\r\n\ttabbed\\n ';
    await store.beginRequest(makeRequest({ reason }));
    await store.recordRefusal(makeRefusal({ reason, detail: reason }));

    const stored = await store.getRequest('req-1');
    expect(stored?.reason).toBe(reason);

    const refused = await store.getRequest('ref-1');
    expect(refused?.reason).toBe(reason);
    expect(refused?.detail).toBe(reason);
  });

  it('returned records are copies', async () => {
    await store.beginRequest(makeRequest());

    const first = await store.getRequest('req-1');
    first?.targetUserIds.push('UEXTRA');
    first?.createdAt.setTime(0);

    const second = await store.getRequest('req-1');
    expect(second?.targetUserIds).toEqual(['U0001', 'U0002']);
    expect(second?.createdAt).toEqual(T0);
  });
});
