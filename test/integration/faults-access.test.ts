import { WebClient } from '@slack/web-api';
import { AccessPolicy } from '../../src/access/access-policy';
import { ADMIN_ID, BOT_TOKEN, SECOPS_USERGROUP_ID, SlackEmulator } from '../emulator';
import { MemoryLogger } from '../support/test-logger';

/** Access checks against user group SECOPS, whose only member is W0ADMIN, with a clock the test moves. */
describe('user group look-ups when Slack is slow', () => {
  let emulator: SlackEmulator;
  let clock: number;
  let logger: MemoryLogger;
  let policy: AccessPolicy;

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
  });

  beforeEach(() => {
    emulator.reset();
    clock = 1_000_000;
    logger = new MemoryLogger();
    policy = new AccessPolicy({
      allowedUserIds: new Set(),
      allowedUsergroupIds: new Set([SECOPS_USERGROUP_ID]),
      client: new WebClient(BOT_TOKEN, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logger }),
      logger,
      cacheTtlMs: 60_000,
      lookupTimeoutMs: 300,
      now: () => clock,
    });
  });

  afterAll(async () => {
    await emulator.stop();
  });

  function lookups(): number {
    return emulator.callsTo('usergroups.users.list').length;
  }

  it('answers from the cache without calling Slack', async () => {
    await policy.warm();
    emulator.fault('usergroups.users.list', { delayMs: 5_000, times: Number.POSITIVE_INFINITY });

    clock += 10_000;
    const decision = await policy.check(ADMIN_ID);

    expect(decision).toMatchObject({ allowed: true, via: 'usergroup' });
    expect(lookups()).toBe(1);
  });

  it('refreshes a half-expired list in the background', async () => {
    await policy.warm();
    emulator.fault('usergroups.users.list', { delayMs: 400 });

    clock += 40_000;
    const startedAt = Date.now();
    const decision = await policy.check(ADMIN_ID);
    const waitedMs = Date.now() - startedAt;
    // The reload finishes after the check returned; waiting for it keeps it out of the next test.
    await emulator.waitFor(() => lookups() === 2);

    expect(decision.allowed).toBe(true);
    expect(waitedMs).toBeLessThan(250);
  });

  it('refuses within the look-up timeout when nothing usable is cached', async () => {
    emulator.fault('usergroups.users.list', { delayMs: 5_000 });

    const startedAt = Date.now();
    const decision = await policy.check(ADMIN_ID);

    expect(decision).toEqual({ allowed: false, reason: 'lookup_failed' });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(logger.events('usergroup_lookup_failed')).toContainEqual(
      expect.objectContaining({ usergroup_id: SECOPS_USERGROUP_ID, error: 'request_timeout' }),
    );
  });

  it('shares one look-up among concurrent checks', async () => {
    const decisions = await Promise.all(Array.from({ length: 20 }, () => policy.check(ADMIN_ID)));

    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    expect(lookups()).toBe(1);
  });
});
