import { WebClient } from '@slack/web-api';
import type { AuditRecord } from '../../src/audit/audit-store';
import { SecurityChannel } from '../../src/audit/security-channel';
import {
  ADMIN_ID,
  ALICE_ID,
  BOT_TOKEN,
  GENERAL_CHANNEL_ID,
  PRIVATE_CHANNEL_ID,
  RANDOM_CHANNEL_ID,
  SlackEmulator,
} from '../emulator';
import { MemoryLogger } from '../support/test-logger';

function completedRecord(): AuditRecord {
  return {
    id: 'corr-1',
    action: 'reset',
    status: 'completed',
    requesterId: ADMIN_ID,
    teamId: null,
    enterpriseId: null,
    targetUserIds: [ALICE_ID],
    scope: 'all',
    reason: 'SEC-1 laptop stolen',
    dryRun: false,
    source: 'modal',
    sessionId: null,
    sessionSummary: null,
    detail: null,
    createdAt: new Date('2026-03-01T10:00:00.000Z'),
    closedAt: new Date('2026-03-01T10:00:05.000Z'),
    outcomes: [{ userId: ALICE_ID, ok: true, at: new Date('2026-03-01T10:00:04.000Z') }],
  };
}

describe('security channel posts', () => {
  let emulator: SlackEmulator;
  let logger: MemoryLogger;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
  });

  beforeEach(() => {
    emulator.reset();
    logger = new MemoryLogger();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  async function postTo(channelId: string): Promise<Record<string, unknown> | undefined> {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
    await new SecurityChannel(client, channelId, logger, 1).post(completedRecord());
    return logger.events('audit_channel_post_failed')[0];
  }

  it('posts to a channel the app is in', async () => {
    expect(await postTo(GENERAL_CHANNEL_ID)).toBeUndefined();
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('tells the admin to invite the app on not_in_channel', async () => {
    const failure = await postTo(RANDOM_CHANNEL_ID);

    expect(failure?.error).toBe('not_in_channel');
    expect(failure?.message).toContain(`not a member of AUDIT_CHANNEL_ID ${RANDOM_CHANNEL_ID}`);
    expect(failure?.message).toContain('/invite @reset-sessions');
  });

  it('names AUDIT_CHANNEL_ID on channel_not_found', async () => {
    const failure = await postTo(PRIVATE_CHANNEL_ID);

    expect(failure?.error).toBe('channel_not_found');
    expect(failure?.message).toContain(`AUDIT_CHANNEL_ID (${PRIVATE_CHANNEL_ID})`);
    expect(failure?.message).toContain('Invite the app');
  });
});
