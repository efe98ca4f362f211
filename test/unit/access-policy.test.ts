import { AccessPolicy } from '../../src/access/access-policy';
import { ADMIN_ID, ALICE_ID, BOT_TOKEN, MEMBER_ID, SECOPS_USERGROUP_ID, SlackEmulator } from '../emulator';
import { clientFor, silentLogger } from '../emulator/web-client';

describe('AccessPolicy', () => {
  let emulator: SlackEmulator;
  let clock: number;

  function policy(userIds: string[], usergroupIds: string[], lookupTimeoutMs?: number): AccessPolicy {
    return new AccessPolicy({
      allowedUserIds: new Set(userIds),
      allowedUsergroupIds: new Set(usergroupIds),
      client: clientFor(emulator, BOT_TOKEN),
      logger: silentLogger,
      cacheTtlMs: 1_000,
      lookupTimeoutMs,
      now: () => clock,
    });
  }

  /** Delays every `usergroups.users.list` response for one group. */
  function slowUsergroup(usergroupId: string, delayMs: number): void {
    emulator.fault('usergroups.users.list', {
      delayMs,
      times: Number.POSITIVE_INFINITY,
      match: (args) => args.usergroup === usergroupId,
    });
  }

  /** Runs one check and returns its decision with the time it took, in ms. */
  async function timedCheck(access: AccessPolicy, userId: string) {
    const startedAt = performance.now();
    const decision = await access.check(userId);
    return { decision, elapsedMs: performance.now() - startedAt };
  }

  beforeAll(async () => {
    emulator = await SlackEmulator.start();
  });

  beforeEach(() => {
    emulator.reset();
    clock = 0;
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('allows a listed user id without calling Slack', async () => {
    expect(await policy([ADMIN_ID], [SECOPS_USERGROUP_ID]).check(ADMIN_ID)).toEqual({
      allowed: true,
      via: 'user_id',
    });
    expect(emulator.calls).toHaveLength(0);
  });

  it('refuses everyone when no list is set', async () => {
    expect(await policy([], []).check(ADMIN_ID)).toEqual({ allowed: false, reason: 'no_allowlist' });
  });

  it('allows members of an allowed user group', async () => {
    expect(await policy([], [SECOPS_USERGROUP_ID]).check(ADMIN_ID)).toEqual({
      allowed: true,
      via: 'usergroup',
      usergroupId: SECOPS_USERGROUP_ID,
    });
  });

  it('refuses people outside the lists', async () => {
    expect(await policy([ALICE_ID], [SECOPS_USERGROUP_ID]).check(MEMBER_ID)).toEqual({
      allowed: false,
      reason: 'not_listed',
    });
  });

  it('caches group members within the TTL', async () => {
    const access = policy([], [SECOPS_USERGROUP_ID]);
    await access.check(ADMIN_ID);
    await access.check(MEMBER_ID);
    expect(emulator.callsTo('usergroups.users.list')).toHaveLength(1);
  });

  it('sees a removal once the TTL has passed', async () => {
    const access = policy([], [SECOPS_USERGROUP_ID]);
    await access.check(ADMIN_ID);
    emulator.addUsergroup(SECOPS_USERGROUP_ID, []);
    clock = 1_001;
    expect(await access.check(ADMIN_ID)).toEqual({ allowed: false, reason: 'not_listed' });
  });

  it('fails closed when the look-up fails', async () => {
    emulator.fault('usergroups.users.list', { error: 'no_such_subteam' });
    expect(await policy([], [SECOPS_USERGROUP_ID]).check(ADMIN_ID)).toEqual({
      allowed: false,
      reason: 'lookup_failed',
    });
  });

  it('shares one look-up between concurrent checks', async () => {
    const access = policy([], [SECOPS_USERGROUP_ID]);
    await Promise.all([access.check(ADMIN_ID), access.check(ADMIN_ID), access.check(MEMBER_ID)]);
    expect(emulator.callsTo('usergroups.users.list')).toHaveLength(1);
  });

  describe('with several slow groups', () => {
    const OTHER_GROUP_ID = 'S0OTHER';

    beforeEach(() => {
      emulator.addUsergroup(OTHER_GROUP_ID, [ALICE_ID]);
    });

    it('looks the groups up in parallel', async () => {
      slowUsergroup(SECOPS_USERGROUP_ID, 400);
      slowUsergroup(OTHER_GROUP_ID, 400);

      const { decision, elapsedMs } = await timedCheck(
        policy([], [SECOPS_USERGROUP_ID, OTHER_GROUP_ID], 600),
        ALICE_ID,
      );

      expect(decision).toEqual({ allowed: true, via: 'usergroup', usergroupId: OTHER_GROUP_ID });
      expect(elapsedMs).toBeLessThan(600);
    });

    it('allows on the first group that lists the user', async () => {
      slowUsergroup(OTHER_GROUP_ID, 2_000);

      const { decision, elapsedMs } = await timedCheck(
        policy([], [OTHER_GROUP_ID, SECOPS_USERGROUP_ID], 600),
        ADMIN_ID,
      );

      expect(decision).toEqual({ allowed: true, via: 'usergroup', usergroupId: SECOPS_USERGROUP_ID });
      expect(elapsedMs).toBeLessThan(600);
    });

    it('fails closed at one overall deadline', async () => {
      slowUsergroup(SECOPS_USERGROUP_ID, 2_000);
      slowUsergroup(OTHER_GROUP_ID, 2_000);

      const { decision, elapsedMs } = await timedCheck(
        policy([], [SECOPS_USERGROUP_ID, OTHER_GROUP_ID], 300),
        ADMIN_ID,
      );

      expect(decision).toEqual({ allowed: false, reason: 'lookup_failed' });
      expect(elapsedMs).toBeLessThan(1_000);
    });
  });
});
