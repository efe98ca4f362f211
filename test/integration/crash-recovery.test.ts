import type { AuditRecord } from '../../src/audit/audit-store';
import {
  ADMIN_TOKEN,
  ALICE_ID,
  BOB_ID,
  BOT_TOKEN,
  CAROL_ID,
  GENERAL_CHANNEL_ID,
  MEMBER_ID,
  SlackEmulator,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import { type ChildApp, startChildApp } from '../support/child-app';
import {
  type AuditDbDir,
  collectText,
  makeAuditDbDir,
  postsTo,
  waitForAuditRecord,
} from '../support/reset-flow';
import { postViewSubmission, resetSubmissionValues } from '../support/slack-requests';

const REASON = 'crash recovery check';

/** Response delay per person: two resets finish quickly, two are still waiting when the app is killed. */
const RESET_DELAYS_MS: Readonly<Record<string, number>> = {
  [ALICE_ID]: 100,
  [BOB_ID]: 300,
  [CAROL_ID]: 20_000,
  [MEMBER_ID]: 20_000,
};

describe('crash recovery', () => {
  let emulator: SlackEmulator;
  let db: AuditDbDir;
  const children: ChildApp[] = [];

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir('crash-recovery');
  });

  afterAll(async () => {
    for (const child of children) {
      await child.kill('SIGKILL');
    }
    await emulator.stop();
    db.remove();
  });

  async function startChild(): Promise<ChildApp> {
    const child = await startChildApp({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_ADMIN_TOKEN: ADMIN_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_SOCKET_MODE: 'false',
      SLACK_API_URL: emulator.apiUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      ALLOWED_USER_IDS: 'W0ADMIN',
      ALLOWED_USERGROUP_IDS: '',
      AUDIT_DB_PATH: db.dbPath,
      AUDIT_CHANNEL_ID: GENERAL_CHANNEL_ID,
      LOG_LEVEL: 'info',
    });
    children.push(child);
    return child;
  }

  /** The request this test submitted, once it has `count` outcomes. */
  const withOutcomes = (count: number) => (record: AuditRecord) =>
    record.reason === REASON && record.outcomes.length >= count;

  it('SIGKILL leaves the request interrupted with outcomes', async () => {
    for (const [userId, delayMs] of Object.entries(RESET_DELAYS_MS)) {
      emulator.fault('admin.users.session.reset', { delayMs, match: (args) => args.user_id === userId });
    }
    const first = await startChild();

    const response = await postViewSubmission(first.eventsUrl, SIGNING_SECRET, {
      values: resetSubmissionValues({
        users: Object.keys(RESET_DELAYS_MS),
        scope: 'all',
        reason: REASON,
      }),
    });
    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'update' });
    await waitForAuditRecord(db.dbPath, withOutcomes(2));

    const killed = await first.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    emulator.clearFaults();
    await startChild();

    await emulator.waitFor(() => postsTo(emulator, GENERAL_CHANNEL_ID).length === 1, 10_000);
    const record = await waitForAuditRecord(db.dbPath, withOutcomes(2));
    expect(record.status).toBe('interrupted');
    expect(record.closedAt).not.toBeNull();
    expect(record.targetUserIds).toEqual(Object.keys(RESET_DELAYS_MS));
    expect(record.outcomes.map((outcome) => [outcome.userId, outcome.ok])).toEqual([
      [ALICE_ID, true],
      [BOB_ID, true],
    ]);

    const [post] = postsTo(emulator, GENERAL_CHANNEL_ID);
    const text = collectText(post?.args.blocks);
    expect(post?.args.text).toContain('Request interrupted: the app stopped before it finished');
    expect(text).toContain(`\`${record.id}\``);
    expect(text).toContain('2 succeeded, 0 failed, 2 not attempted');
  });
});
