import type { AuditRecord } from '../../src/audit/audit-store';
import {
  ADMIN_ID,
  ADMIN_TOKEN,
  ALICE_ID,
  BOB_ID,
  BOT_TOKEN,
  CAROL_ID,
  ENTERPRISE_ID,
  GENERAL_CHANNEL_ID,
  MEMBER_ID,
  type SlackEmulator,
  TEAM_ID,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  openResetModal,
  postsTo,
  sendCommand,
  submitReset,
  useAppUnderTest,
  waitForAuditRecord,
  waitForPost,
  waitForReply,
} from '../support/reset-flow';

describe('audit trail', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;

  useAppUnderTest(
    'audit-trail',
    (started) => {
      ({ emulator, target, db } = started);
    },
    { AUDIT_CHANNEL_ID: GENERAL_CHANNEL_ID },
  );

  /** Submits a reset, waits for the requester's DM and returns the stored record of that request. */
  async function completeReset(users: string[], reason: string, viewId?: string): Promise<AuditRecord> {
    await submitReset(target, {
      users,
      scope: 'mobile',
      reason,
      ...(viewId !== undefined ? { viewId } : {}),
    });
    await waitForPost(emulator, ADMIN_ID);
    return waitForAuditRecord(db.dbPath, (record) => record.reason === reason);
  }

  /** Security channel posts about one request. */
  const channelPostsAbout = (correlationId: string) =>
    postsTo(emulator, GENERAL_CHANNEL_ID).filter((post) =>
      collectText(post.args.blocks).includes(correlationId),
    );

  it('stores a completed request', async () => {
    const record = await completeReset([ALICE_ID, BOB_ID], 'laptop stolen, ticket SEC-1');

    expect(record.status).toBe('completed');
    expect(record.action).toBe('reset');
    expect(record.source).toBe('modal');
    expect(record.requesterId).toBe(ADMIN_ID);
    expect(record.teamId).toBe(TEAM_ID);
    expect(record.enterpriseId).toBe(ENTERPRISE_ID);
    expect(record.targetUserIds).toEqual([ALICE_ID, BOB_ID]);
    expect(record.scope).toBe('mobile');
    expect(record.closedAt).not.toBeNull();
  });

  it('stores each person’s outcome', async () => {
    emulator.failUser(BOB_ID, 'admin.users.session.reset', 'user_session_reset_failed');

    const record = await completeReset([ALICE_ID, BOB_ID], 'outcomes check');

    const outcomes = [...record.outcomes].sort((a, b) => a.userId.localeCompare(b.userId));
    expect(outcomes).toEqual([
      { userId: ALICE_ID, ok: true, at: expect.any(Date) },
      { userId: BOB_ID, ok: false, error: 'user_session_reset_failed', at: expect.any(Date) },
    ]);
  });

  it('quotes the correlation id to the requester', async () => {
    const record = await completeReset([ALICE_ID], 'correlation check');

    const [message] = postsTo(emulator, ADMIN_ID);
    expect(collectText(message?.args.blocks)).toContain(`Correlation ID: \`${record.id}\``);
  });

  it('posts once to the security channel', async () => {
    emulator.failUser(CAROL_ID, 'admin.users.session.reset', 'cannot_reset_bot');

    const record = await completeReset([ALICE_ID, BOB_ID, CAROL_ID], 'channel post check');

    await emulator.waitFor(() => channelPostsAbout(record.id).length === 1);
    const [post] = channelPostsAbout(record.id);
    const text = collectText(post?.args.blocks);
    expect(post?.token).toBe(BOT_TOKEN);
    expect(post?.args.text).toBe(`Session reset: Request completed, requested by <@${ADMIN_ID}>.`);
    expect(text).toContain(`*Requester*\n<@${ADMIN_ID}>`);
    expect(text).toContain(`*People*\n<@${ALICE_ID}> <@${BOB_ID}> <@${CAROL_ID}>`);
    expect(text).toContain('*Sessions*\nmobile');
    expect(text).toContain('*Reason*\nchannel post check');
    expect(text).toContain('*Outcome*\n2 succeeded, 1 failed, 0 not attempted');
    expect(text).toContain(`*Correlation ID*\n\`${record.id}\``);
  });

  it('retries a failing channel post after the DM', async () => {
    emulator.fault('chat.postMessage', {
      error: 'internal_error',
      match: (args) => args.channel === GENERAL_CHANNEL_ID,
    });

    const record = await completeReset([ALICE_ID], 'retry check');

    await emulator.waitFor(() => postsTo(emulator, GENERAL_CHANNEL_ID).length === 2);
    const [failed, retried] = postsTo(emulator, GENERAL_CHANNEL_ID);
    const [message] = postsTo(emulator, ADMIN_ID);
    expect(failed?.response).toMatchObject({ ok: false, error: 'internal_error' });
    expect(retried?.response).toMatchObject({ ok: true });
    expect(collectText(retried?.args.blocks)).toContain(record.id);
    expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(message?.at).toBeLessThan(retried?.at ?? 0);
  });

  it('slow channel post never delays the DM', async () => {
    emulator.fault('chat.postMessage', {
      delayMs: 1500,
      match: (args) => args.channel === GENERAL_CHANNEL_ID,
    });

    const submittedAt = Date.now();
    await completeReset([ALICE_ID], 'slow channel check');

    expect(Date.now() - submittedAt).toBeLessThan(1000);
    await emulator.waitFor(() => postsTo(emulator, GENERAL_CHANNEL_ID).length === 1);
  });

  it('stores the reason exactly, shows it escaped', async () => {
    const reason = '<!channel> <@W0BOB> &lt; "quoted"';
    const escaped = '&lt;!channel&gt; &lt;@W0BOB&gt; &amp;lt; "quoted"';
    const viewId = await openResetModal(target);

    const record = await completeReset([ALICE_ID], reason, viewId);

    await emulator.waitFor(() => channelPostsAbout(record.id).length === 1);
    const [outcomeView] = emulator.callsTo('views.update');
    const surfaces = {
      modal: collectText(outcomeView?.args.view),
      message: collectText(postsTo(emulator, ADMIN_ID)[0]?.args),
      channel: collectText(channelPostsAbout(record.id)[0]?.args),
    };
    expect(record.reason).toBe(reason);
    for (const text of Object.values(surfaces)) {
      expect(text).toContain(escaped);
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@W0BOB>');
    }
  });

  it('logs each audit event as one JSON line', async () => {
    const record = await completeReset([ALICE_ID], 'log line check');

    const lines = target.app.logger.lines.filter(
      (line) => line.includes('"event":"audit"') && line.includes(record.id),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const [event] = target.app.logger.events('audit').filter((entry) => entry.correlation_id === record.id);
    expect(event).toMatchObject({
      status: 'completed',
      requester_id: ADMIN_ID,
      target_user_ids: [ALICE_ID],
      scope: 'mobile',
      reason: 'log line check',
      succeeded: 1,
      failed: 0,
    });
  });

  it('logs a refusal as one JSON line', async () => {
    await sendCommand(target, `<@${CAROL_ID}>`, { user_id: MEMBER_ID });

    const record = await waitForAuditRecord(db.dbPath, (stored) => stored.requesterId === MEMBER_ID);
    const events = target.app.logger.events('audit').filter((entry) => entry.correlation_id === record.id);
    expect(events).toEqual([expect.objectContaining({ status: 'refused', detail: 'not_listed' })]);
  });

  it('never logs a token or the signing secret', async () => {
    emulator.failUser(BOB_ID, 'admin.users.session.reset', 'invalid_auth');
    await openResetModal(target, `<@${ALICE_ID}> bob@example.com`);
    await emulator.waitFor(() => emulator.callsTo('views.update').length === 1);
    await completeReset([ALICE_ID, BOB_ID], 'secret scan');
    const { responseUrl } = await sendCommand(target, 'history');
    await waitForReply(emulator, responseUrl);

    const logs = target.app.logger.lines.join('\n');
    expect(target.app.logger.lines.length).toBeGreaterThan(20);
    expect(logs).toContain('http request body');
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(ADMIN_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
