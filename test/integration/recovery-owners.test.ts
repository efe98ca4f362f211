import os from 'node:os';
import type { NewAuditRequest } from '../../src/audit/audit-store';
import type { RequestOwner } from '../../src/audit/request-owner';
import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';
import { ADMIN_ID, ALICE_ID, SlackEmulator } from '../emulator';
import { type Sleeper, startSleeper } from '../support/processes';
import { type AuditDbDir, type FlowTarget, makeAuditDbDir, startFlowApp } from '../support/reset-flow';

/** Writes an open request as the process `owner` would, the way a CLI run begins one. */
async function beginOwnedRequest(dbPath: string, id: string, owner: RequestOwner): Promise<void> {
  const request: NewAuditRequest = {
    id,
    action: 'reset',
    requesterId: ADMIN_ID,
    teamId: null,
    enterpriseId: null,
    targetUserIds: [ALICE_ID],
    scope: 'all',
    reason: 'long paced run',
    dryRun: false,
    source: 'cli',
    owner,
    createdAt: new Date(),
  };
  const store = SqliteAuditStore.open(dbPath);
  try {
    await store.beginRequest(request);
  } finally {
    await store.close();
  }
}

async function statusOf(dbPath: string, id: string): Promise<string | undefined> {
  const store = SqliteAuditStore.open(dbPath);
  try {
    return (await store.getRequest(id))?.status;
  } finally {
    await store.close();
  }
}

describe('start-up recovery and request owners', () => {
  let emulator: SlackEmulator;
  let db: AuditDbDir;
  let sleeper: Sleeper;
  let target: FlowTarget | undefined;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir('recovery-owners');
    sleeper = startSleeper();
  });

  afterEach(async () => {
    await target?.app.stop();
    target = undefined;
  });

  afterAll(async () => {
    await sleeper.stop();
    await emulator.stop();
    db.remove();
  });

  it('live owner request stays open', async () => {
    await beginOwnedRequest(db.dbPath, 'req-live', { host: os.hostname(), pid: sleeper.pid });

    target = await startFlowApp(emulator, db.dbPath);

    expect(await statusOf(db.dbPath, 'req-live')).toBe('open');
    expect(target.app.logger.events('request_interrupted')).toHaveLength(0);
  });

  it('exited owner request is interrupted', async () => {
    await sleeper.stop();

    target = await startFlowApp(emulator, db.dbPath);

    expect(await statusOf(db.dbPath, 'req-live')).toBe('interrupted');
  });

  it('other host request stays open', async () => {
    await beginOwnedRequest(db.dbPath, 'req-remote', { host: `not-${os.hostname()}`, pid: 1 });

    target = await startFlowApp(emulator, db.dbPath);

    expect(await statusOf(db.dbPath, 'req-remote')).toBe('open');
    expect(target.app.logger.events('request_left_open')).toHaveLength(1);
  });
});
