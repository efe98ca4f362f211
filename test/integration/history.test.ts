import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';
import {
  ADMIN_ID,
  ALICE_ID,
  BOB_ID,
  CAROL_ID,
  ENTERPRISE_ID,
  MEMBER_ID,
  type SlackEmulator,
  TEAM_ID,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  findButton,
  readAuditRecords,
  repliesTo,
  sendCommand,
  useAppUnderTest,
  waitForAuditRecord,
  waitForReply,
} from '../support/reset-flow';
import { postBlockActions } from '../support/slack-requests';

const SEEDED_COUNT = 25;

/** Ids of the seeded requests, newest first. Every third one also targets Alice. */
const seededIds = Array.from(
  { length: SEEDED_COUNT },
  (_, index) => `seed-${String(index).padStart(2, '0')}`,
);
const newestFirst = [...seededIds].reverse();
const touchingAlice = newestFirst.filter((id) => Number(id.slice(-2)) % 3 === 0);

/** Writes completed requests one minute apart through a second connection, as the app writes them. */
async function seedRequests(dbPath: string): Promise<void> {
  const store = SqliteAuditStore.open(dbPath);
  const start = Date.now() - SEEDED_COUNT * 60_000;
  try {
    for (const [index, id] of seededIds.entries()) {
      const createdAt = new Date(start + index * 60_000);
      await store.beginRequest({
        id,
        action: 'reset',
        requesterId: ADMIN_ID,
        teamId: TEAM_ID,
        enterpriseId: ENTERPRISE_ID,
        targetUserIds: index % 3 === 0 ? [BOB_ID, ALICE_ID] : [BOB_ID],
        scope: 'all',
        reason: `seeded request ${index}`,
        dryRun: false,
        source: 'modal',
        createdAt,
      });
      await store.recordOutcome(id, { userId: BOB_ID, ok: true, at: createdAt });
      await store.completeRequest(id, createdAt);
    }
  } finally {
    await store.close();
  }
}

/** Correlation ids in the order a history reply lists them. */
function listedIds(reply: unknown): string[] {
  return [...collectText(reply).matchAll(/Correlation ID: `([^`]+)`/g)].map((match) => match[1] ?? '');
}

describe('history', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest('history', (started) => {
    ({ emulator, target, db } = started);
  });

  beforeAll(async () => {
    await seedRequests(db.dbPath);
  });

  /** Clicks a page button of `reply` as `userId` and returns the body posted to the action's response_url. */
  async function clickPage(reply: unknown, actionId: string, userId = ADMIN_ID): Promise<unknown> {
    const button = findButton(reply, actionId);
    expect(button).toBeDefined();
    const responseUrl = emulator.createResponseUrl();

    const response = await postBlockActions(target.app.eventsUrl, SIGNING_SECRET, {
      userId,
      responseUrl,
      actions: [{ action_id: actionId, block_id: 'history_pages', value: button?.value ?? '' }],
    });

    expect(response.status).toBe(200);
    return waitForReply(emulator, responseUrl);
  }

  it('lists recent requests newest first', async () => {
    const { responseUrl } = await sendCommand(target, 'history');

    const reply = await waitForReply(emulator, responseUrl);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(collectText(reply)).toContain(`*Requests: 1–10 of ${SEEDED_COUNT}, newest first.*`);
    expect(listedIds(reply)).toEqual(newestFirst.slice(0, 10));
    expect(collectText(reply)).toContain(`seeded request ${SEEDED_COUNT - 1}`);
  });

  it('lists only requests that touched one person', async () => {
    const { responseUrl } = await sendCommand(target, `history <@${ALICE_ID}|alice>`);

    const reply = await waitForReply(emulator, responseUrl);
    const count = touchingAlice.length;
    const heading = `*Requests that touched <@${ALICE_ID}>: 1–${count} of ${count}, newest first.*`;
    expect(collectText(reply)).toContain(heading);
    expect(listedIds(reply)).toEqual(touchingAlice);
    expect(findButton(reply, 'history_older')).toBeUndefined();
  });

  it('finds the person by email', async () => {
    const { responseUrl } = await sendCommand(target, 'history alice@example.com');

    expect(listedIds(await waitForReply(emulator, responseUrl))).toEqual(touchingAlice);
  });

  it('says when nothing touched the person', async () => {
    const { responseUrl } = await sendCommand(target, `history <@${CAROL_ID}>`);

    const text = collectText(await waitForReply(emulator, responseUrl));
    expect(text).toContain(`No requests that touched <@${CAROL_ID}> are recorded yet.`);
  });

  it('asks for one person at a time', async () => {
    const { responseUrl } = await sendCommand(target, `history <@${ALICE_ID}> <@${BOB_ID}>`);

    const text = collectText(await waitForReply(emulator, responseUrl));
    expect(text).toContain('History shows one person at a time.');
  });

  it('pages older and newer', async () => {
    const { responseUrl } = await sendCommand(target, 'history');
    const first = await waitForReply(emulator, responseUrl);
    expect(findButton(first, 'history_newer')).toBeUndefined();

    const second = await clickPage(first, 'history_older');
    expect(second).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(collectText(second)).toContain(`*Requests: 11–20 of ${SEEDED_COUNT}, newest first.*`);
    expect(listedIds(second)).toEqual(newestFirst.slice(10, 20));

    const third = await clickPage(second, 'history_older');
    expect(listedIds(third)).toEqual(newestFirst.slice(20));
    expect(findButton(third, 'history_older')).toBeUndefined();

    const back = await clickPage(third, 'history_newer');
    expect(listedIds(back)).toEqual(newestFirst.slice(10, 20));
  });

  it('keeps the person filter when paging', async () => {
    const { responseUrl } = await sendCommand(target, `history <@${BOB_ID}>`);
    const first = await waitForReply(emulator, responseUrl);

    const second = await clickPage(first, 'history_older');

    expect(collectText(second)).toContain(`*Requests that touched <@${BOB_ID}>: 11–20 of ${SEEDED_COUNT}`);
  });

  // The refusals below add records, so they run after the listings above.
  it('refuses history to a requester not allowed', async () => {
    const { responseUrl } = await sendCommand(target, 'history', { user_id: MEMBER_ID });

    const reply = await waitForReply(emulator, responseUrl);
    expect(collectText(reply)).toContain('You are not allowed to reset sessions.');
    expect(listedIds(reply)).toEqual([]);
  });

  it('refuses paging to a requester not allowed', async () => {
    const { responseUrl } = await sendCommand(target, 'history');
    const first = await waitForReply(emulator, responseUrl);

    const page = await clickPage(first, 'history_older', MEMBER_ID);

    expect(page).toMatchObject({ replace_original: true });
    expect(collectText(page)).toContain('You are not allowed to reset sessions.');
    expect(listedIds(page)).toEqual([]);
    expect(repliesTo(emulator, responseUrl)).toHaveLength(1);
  });

  it('records a refused page press', async () => {
    const { responseUrl } = await sendCommand(target, `history <@${BOB_ID}>`);
    const first = await waitForReply(emulator, responseUrl);
    const before = new Set((await readAuditRecords(db.dbPath)).map((record) => record.id));

    const page = await clickPage(first, 'history_older', MEMBER_ID);

    expect(listedIds(page)).toEqual([]);
    const record = await waitForAuditRecord(db.dbPath, (item) => !before.has(item.id));
    expect(record.status).toBe('refused');
    expect(record.requesterId).toBe(MEMBER_ID);
    expect(record.detail).toBe('not_listed (history page)');
    expect(record.targetUserIds).toEqual([BOB_ID]);
    expect(record.teamId).toBe(TEAM_ID);
    expect(record.enterpriseId).toBe(ENTERPRISE_ID);
    expect(emulator.calls.filter((call) => call.method.startsWith('admin.'))).toEqual([]);
  });
});
