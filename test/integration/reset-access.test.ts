import {
  ADMIN_ID,
  ALICE_ID,
  BOB_ID,
  BOT_TOKEN,
  CAROL_ID,
  MEMBER_ID,
  SECOPS_USERGROUP_ID,
  SlackEmulator,
} from '../emulator';
import { SIGNING_SECRET } from '../support/app-harness';
import {
  type AuditDbDir,
  collectText,
  type FlowTarget,
  makeAuditDbDir,
  openResetModal,
  sendCommand,
  startFlowApp,
  submitReset,
  waitForAuditRecord,
  waitForPost,
  waitForReply,
} from '../support/reset-flow';
import {
  postSlashCommand,
  postViewSubmission,
  resetSubmissionValues,
  type SignatureMode,
} from '../support/slack-requests';

describe('reset access', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;
  let db: AuditDbDir;
  const others: { flow: FlowTarget; db: AuditDbDir }[] = [];

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    db = makeAuditDbDir('reset-access');
    target = await startFlowApp(emulator, db.dbPath);
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterEach(async () => {
    for (const other of others.splice(0)) {
      await other.flow.app.stop();
      other.db.remove();
    }
  });

  afterAll(async () => {
    await target.app.stop();
    await emulator.stop();
    db.remove();
  });

  /** Starts a second app on the same emulator with its own database and access settings. */
  async function startOther(env: Record<string, string>): Promise<{ flow: FlowTarget; db: AuditDbDir }> {
    const otherDb = makeAuditDbDir('reset-access-other');
    const other = { flow: await startFlowApp(emulator, otherDb.dbPath, env), db: otherDb };
    others.push(other);
    return other;
  }

  const resetCalls = () => emulator.callsTo('admin.users.session.reset');

  describe('at the command', () => {
    it('refuses a requester not listed', async () => {
      const { responseUrl } = await sendCommand(target, `<@${ALICE_ID}>`, { user_id: MEMBER_ID });

      const reply = await waitForReply(emulator, responseUrl);
      expect(reply).toMatchObject({ response_type: 'ephemeral' });
      expect(collectText(reply)).toContain('You are not allowed to reset sessions.');
      expect(collectText(reply)).toContain(`add your user ID (${MEMBER_ID})`);
      expect(emulator.callsTo('views.open')).toEqual([]);
    });

    it('records the refusal', async () => {
      await sendCommand(target, `<@${BOB_ID}>`, { user_id: MEMBER_ID });

      const record = await waitForAuditRecord(db.dbPath, (stored) => stored.targetUserIds.includes(BOB_ID));
      expect(record.status).toBe('refused');
      expect(record.requesterId).toBe(MEMBER_ID);
      expect(record.source).toBe('slash_command');
      expect(record.detail).toBe('not_listed');
    });

    it('records the refusal when the reply fails', async () => {
      emulator.fault('response_url', { status: 500 });

      await sendCommand(target, `<@${CAROL_ID}>`, { user_id: MEMBER_ID });

      const record = await waitForAuditRecord(db.dbPath, (stored) => stored.targetUserIds.includes(CAROL_ID));
      expect(record.status).toBe('refused');
      expect(record.requesterId).toBe(MEMBER_ID);
    });

    it('explains access when no allowlist is set', async () => {
      const { flow } = await startOther({ ALLOWED_USER_IDS: '' });

      const { responseUrl } = await sendCommand(flow, `<@${ALICE_ID}>`);

      const text = collectText(await waitForReply(emulator, responseUrl));
      expect(text).toContain('this app has no allowed users configured');
      expect(text).toContain('ALLOWED_USER_IDS lists user IDs');
      expect(text).toContain('ALLOWED_USERGROUP_IDS lists user groups');
      expect(emulator.callsTo('views.open')).toEqual([]);
    });

    it('lets user group members in', async () => {
      const { flow } = await startOther({ ALLOWED_USER_IDS: '', ALLOWED_USERGROUP_IDS: SECOPS_USERGROUP_ID });

      await openResetModal(flow, `<@${ALICE_ID}>`);
      await submitReset(flow, { users: [ALICE_ID], scope: 'all', reason: 'group access' });

      await waitForPost(emulator, ADMIN_ID);
      expect(resetCalls().map((call) => call.args.user_id)).toEqual([ALICE_ID]);
    });

    it('refuses a user group non-member', async () => {
      const { flow } = await startOther({ ALLOWED_USER_IDS: '', ALLOWED_USERGROUP_IDS: SECOPS_USERGROUP_ID });

      const { responseUrl } = await sendCommand(flow, `<@${ALICE_ID}>`, { user_id: MEMBER_ID });

      expect(collectText(await waitForReply(emulator, responseUrl))).toContain('You are not allowed');
      expect(emulator.callsTo('views.open')).toEqual([]);
    });

    it('refuses when membership cannot be read', async () => {
      emulator.fault('usergroups.users.list', { error: 'missing_scope', times: Number.POSITIVE_INFINITY });
      const { flow } = await startOther({ ALLOWED_USER_IDS: '', ALLOWED_USERGROUP_IDS: SECOPS_USERGROUP_ID });

      const { responseUrl } = await sendCommand(flow, `<@${ALICE_ID}>`);

      const text = collectText(await waitForReply(emulator, responseUrl));
      expect(text).toContain('Slack could not confirm your user group membership');
      expect(emulator.callsTo('views.open')).toEqual([]);
    });

    it('reads user groups with the bot token', async () => {
      await startOther({ ALLOWED_USER_IDS: '', ALLOWED_USERGROUP_IDS: SECOPS_USERGROUP_ID });

      const [list] = emulator.callsTo('usergroups.users.list');
      expect(list?.args.usergroup).toBe(SECOPS_USERGROUP_ID);
      expect(list?.token).toBe(BOT_TOKEN);
    });
  });

  describe('at submit', () => {
    it('refuses a requester removed since the command', async () => {
      // The member opens the form on an app that allows them; the app then restarts without them.
      const before = await startOther({ ALLOWED_USER_IDS: `${ADMIN_ID},${MEMBER_ID}` });
      await sendCommand(before.flow, `<@${ALICE_ID}>`, { user_id: MEMBER_ID });
      await emulator.waitFor(() => emulator.callsTo('views.open').length === 1);

      const response = await submitReset(target, {
        users: [ALICE_ID],
        scope: 'all',
        reason: 'after removal',
        userId: MEMBER_ID,
      });

      const body: unknown = JSON.parse(response.body);
      expect(body).toMatchObject({ response_action: 'update', view: { title: { text: 'Not allowed' } } });
      expect(collectText(body)).toContain(`add your user ID (${MEMBER_ID})`);
      const record = await waitForAuditRecord(db.dbPath, (stored) => stored.reason === 'after removal');
      expect(record.status).toBe('refused');
      expect(record.source).toBe('modal');
      expect(record.requesterId).toBe(MEMBER_ID);
      expect(record.targetUserIds).toEqual([ALICE_ID]);
      expect(resetCalls()).toEqual([]);
    });
  });

  describe('request signatures', () => {
    /** Sends a valid help command and waits for its reply, giving earlier requests time to show up. */
    async function settle(): Promise<void> {
      const { responseUrl } = await sendCommand(target, 'help');
      await waitForReply(emulator, responseUrl);
    }

    it.each<SignatureMode>(['wrong-secret', 'stale-timestamp'])('%s command gets 401', async (signature) => {
      const response = await postSlashCommand(
        target.app.eventsUrl,
        SIGNING_SECRET,
        {
          text: `<@${ALICE_ID}>`,
          trigger_id: emulator.issueTriggerId(),
          response_url: emulator.createResponseUrl(),
        },
        { signature },
      );

      expect(response.status).toBe(401);
      await settle();
      expect(emulator.calls).toEqual([]);
    });

    it.each<SignatureMode>(['wrong-secret', 'stale-timestamp'])(
      '%s submission gets 401',
      async (signature) => {
        const response = await postViewSubmission(
          target.app.eventsUrl,
          SIGNING_SECRET,
          { values: resetSubmissionValues({ users: [ALICE_ID], scope: 'all', reason: 'forged' }) },
          { signature },
        );

        expect(response.status).toBe(401);
        await settle();
        expect(emulator.calls).toEqual([]);
      },
    );
  });
});
