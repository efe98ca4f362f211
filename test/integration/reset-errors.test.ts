import { ConfigError } from '../../src/config';
import { describeError, hasErrorMessage } from '../../src/messages/error-messages';
import { TokenCheckError } from '../../src/slack/verify-tokens';
import {
  ADMIN_ID,
  ALICE_ID,
  BOT_ACCOUNT_ID,
  BOT_TOKEN,
  NON_ADMIN_TOKEN,
  OWNER_ID,
  READONLY_ADMIN_TOKEN,
  type SlackEmulator,
  TEAM_ID,
} from '../emulator';
import { startTestApp } from '../support/app-harness';
import {
  collectText,
  type FlowTarget,
  makeAuditDbDir,
  startFlowApp,
  submitReset,
  useAppUnderTest,
  waitForPost,
} from '../support/reset-flow';

/** Error codes Slack documents for admin.users.session.reset, plus token errors any method returns. */
const DOCUMENTED_CODES = [
  'cannot_reset_primary_owner',
  'cannot_reset_bot',
  'user_not_found',
  'not_an_admin',
  'missing_scope',
  'not_allowed_token_type',
  'invalid_auth',
  'feature_not_enabled',
  'ratelimited',
  'user_session_reset_failed',
  'internal_error',
  'unknown_method',
];

const RESET_METHOD = 'admin.users.session.reset';

/** Builds the line the outcome shows for a person whose reset failed with `code`. */
function failureLine(userId: string, code: string): string {
  return `:x: <@${userId}>: ${describeError(code)} (\`${code}\`)`;
}

describe('reset error codes', () => {
  let emulator: SlackEmulator;
  let target: FlowTarget;

  useAppUnderTest('reset-errors', (started) => {
    ({ emulator, target } = started);
  });

  /** Submits a reset of `userId` through `flow` and returns the text of the requester's DM. */
  async function outcomeFor(flow: FlowTarget, userId: string): Promise<string> {
    await submitReset(flow, { users: [userId], scope: 'all', reason: 'error code check' });
    const message = await waitForPost(emulator, ADMIN_ID);
    return collectText(message.args.blocks);
  }

  it('gives each documented code its own message', () => {
    const messages = DOCUMENTED_CODES.map(describeError);

    expect(DOCUMENTED_CODES.filter((code) => !hasErrorMessage(code))).toEqual([]);
    expect(new Set(messages).size).toBe(DOCUMENTED_CODES.length);
  });

  it.each([
    ['cannot_reset_primary_owner', OWNER_ID],
    ['cannot_reset_bot', BOT_ACCOUNT_ID],
    ['user_not_found', 'W0NOBODY'],
  ])('%s from the target is shown', async (code, userId) => {
    const text = await outcomeFor(target, userId);

    expect(emulator.callsTo(RESET_METHOD)[0]?.response).toMatchObject({ ok: false, error: code });
    expect(text).toContain(failureLine(userId, code));
  });

  it.each([
    'not_allowed_token_type',
    'invalid_auth',
    'feature_not_enabled',
    'ratelimited',
    'user_session_reset_failed',
    'internal_error',
    'unknown_method',
  ])('%s from Slack is shown', async (code) => {
    emulator.failUser(ALICE_ID, RESET_METHOD, code);

    const text = await outcomeFor(target, ALICE_ID);

    expect(emulator.callsTo(RESET_METHOD)).toHaveLength(1);
    expect(text).toContain(failureLine(ALICE_ID, code));
  });

  it('ratelimited after retries run out is shown', async () => {
    // Retry-After 0 keeps the test short, but the client still backs off between its 3 retries (about 3.5 s).
    emulator.fault(RESET_METHOD, { status: 429, retryAfter: 0, times: 4 });

    const text = await outcomeFor(target, ALICE_ID);

    expect(emulator.callsTo(RESET_METHOD).map((call) => call.status)).toEqual([429, 429, 429, 429]);
    expect(text).toContain(failureLine(ALICE_ID, 'ratelimited'));
  });

  it.each([
    ['not_an_admin', NON_ADMIN_TOKEN],
    ['missing_scope', READONLY_ADMIN_TOKEN],
  ])('%s from the admin token is shown', async (code, adminToken) => {
    const otherDb = makeAuditDbDir('reset-errors-token');
    const flow = await startFlowApp(emulator, otherDb.dbPath, { SLACK_ADMIN_TOKEN: adminToken });
    try {
      const text = await outcomeFor(flow, ALICE_ID);

      expect(emulator.callsTo(RESET_METHOD)[0]?.token).toBe(adminToken);
      expect(text).toContain(failureLine(ALICE_ID, code));
      expect(emulator.sessionsOf(ALICE_ID)).toHaveLength(2);
    } finally {
      await flow.app.stop();
      otherDb.remove();
    }
  });

  it('start-up rejects a bot token as SLACK_ADMIN_TOKEN', async () => {
    await expect(startTestApp(emulator.apiUrl, { SLACK_ADMIN_TOKEN: BOT_TOKEN })).rejects.toThrow(
      ConfigError,
    );
  });

  it('start-up rejects a disguised bot token', async () => {
    const disguised = 'xoxp-test-disguised-bot';
    emulator.addToken({
      token: disguised,
      type: 'bot',
      userId: 'U0BOT',
      botId: 'B0BOT',
      teamId: TEAM_ID,
      scopes: [],
    });

    const started = startTestApp(emulator.apiUrl, { SLACK_ADMIN_TOKEN: disguised });

    await expect(started).rejects.toThrow(TokenCheckError);
    await expect(started).rejects.toThrow('auth.test reports that it belongs to a bot');
  });

  it('start-up rejects an unknown admin token', async () => {
    const started = startTestApp(emulator.apiUrl, { SLACK_ADMIN_TOKEN: 'xoxp-test-unknown' });

    await expect(started).rejects.toThrow(TokenCheckError);
    await expect(started).rejects.toThrow('SLACK_ADMIN_TOKEN was rejected by auth.test');
    await expect(started).rejects.toThrow('(invalid_auth)');
  });
});
