import { chooseStrategy, ResetRunner } from '../../src/bulk/reset-runner';
import type { ResetOutcome } from '../../src/slack/session-admin';
import { FakeSessionAdmin, quietLogger, unlimitedPacing, userIdList } from '../support/bulk-fakes';

function runnerFor(sessions: FakeSessionAdmin) {
  return new ResetRunner({
    sessions,
    pacing: unlimitedPacing(),
    logger: quietLogger(),
    retryDelayMs: 0,
  });
}

async function run(sessions: FakeSessionAdmin, userIds: string[], dryRun = false) {
  const recorded: ResetOutcome[] = [];
  const result = await runnerFor(sessions).run({
    userIds,
    scope: 'all',
    dryRun,
    onOutcome: async (outcome) => {
      recorded.push(outcome);
    },
  });
  return { result, recorded };
}

function failedIds(outcomes: readonly ResetOutcome[]): string[] {
  return outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.userId);
}

describe('chooseStrategy', () => {
  it('resets up to 20 people one by one', () => {
    expect(chooseStrategy(20)).toBe('per_person');
  });

  it('uses resetBulk from 21 people', () => {
    expect(chooseStrategy(21)).toBe('bulk');
  });
});

describe('ResetRunner', () => {
  it('resets a few people with one call each', async () => {
    const sessions = new FakeSessionAdmin();
    const { result } = await run(sessions, userIdList(3));

    expect(sessions.singleCalls).toEqual(userIdList(3));
    expect(result.outcomes.every((outcome) => outcome.ok && !outcome.queued)).toBe(true);
  });

  it('splits 2,500 people into three resetBulk calls', async () => {
    const sessions = new FakeSessionAdmin();
    const { result } = await run(sessions, userIdList(2500));

    expect(sessions.bulkCalls.map((call) => call.length)).toEqual([1000, 1000, 500]);
    expect(result.adminCalls).toBe(3);
  });

  it('marks people of an accepted call as queued', async () => {
    const { result } = await run(new FakeSessionAdmin(), userIdList(30));

    expect(result.outcomes.every((outcome) => outcome.ok && outcome.queued === true)).toBe(true);
  });

  it('fails only the people Slack names', async () => {
    const ids = userIdList(100);
    const bad = new Set([ids[3] ?? '', ids[70] ?? '']);
    const sessions = new FakeSessionAdmin(bad);
    const { result } = await run(sessions, ids);

    expect(failedIds(result.outcomes)).toEqual([...bad]);
    expect(sessions.bulkCalls).toHaveLength(1);
  });

  it('splits a call until an unnamed bad id stands alone', async () => {
    const ids = userIdList(1000);
    const badId = ids[517] ?? '';
    const sessions = new FakeSessionAdmin(new Set([badId]), false);
    const { result } = await run(sessions, ids);

    expect(failedIds(result.outcomes)).toEqual([badId]);
    expect(result.outcomes.find((outcome) => outcome.userId === badId)?.error).toBe('user_not_found');
    expect(sessions.bulkCalls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)) + 1);
  });

  it('tries a call again after a transient error', async () => {
    const sessions = new FakeSessionAdmin();
    sessions.scriptedErrors.push('internal_error');
    const { result } = await run(sessions, userIdList(1500));

    expect(sessions.bulkCalls.map((call) => call.length)).toEqual([1000, 1000, 500]);
    expect(failedIds(result.outcomes)).toEqual([]);
  });

  it('fails a call after the last try', async () => {
    const sessions = new FakeSessionAdmin();
    sessions.scriptedErrors.push('ratelimited', 'ratelimited', 'ratelimited');
    const { result } = await run(sessions, userIdList(1200));

    expect(failedIds(result.outcomes)).toHaveLength(1000);
    expect(result.outcomes.at(-1)?.ok).toBe(true);
  });

  it('stops every call after a token error', async () => {
    const sessions = new FakeSessionAdmin();
    sessions.scriptedErrors.push('not_an_admin');
    const { result } = await run(sessions, userIdList(3000));

    expect(sessions.bulkCalls).toHaveLength(1);
    expect(result.outcomes.every((outcome) => outcome.error === 'not_an_admin')).toBe(true);
  });

  it('makes no call in a dry run', async () => {
    const sessions = new FakeSessionAdmin();
    const { result, recorded } = await run(sessions, userIdList(2500), true);

    expect(sessions.bulkCalls).toEqual([]);
    expect(result.adminCalls).toBe(0);
    expect(result.plannedCalls).toBe(3);
    expect(recorded).toHaveLength(2500);
  });

  it('records each person once per final outcome', async () => {
    const sessions = new FakeSessionAdmin();
    sessions.scriptedErrors.push('service_unavailable');
    const { recorded } = await run(sessions, userIdList(50));

    expect(recorded).toHaveLength(50);
  });
});
