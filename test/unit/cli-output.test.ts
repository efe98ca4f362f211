import type { ResolvedTargets } from '../../src/bulk/resolve-targets';
import {
  entryCount,
  finishedText,
  invalidEntryRows,
  invalidEntryText,
  summaryText,
} from '../../src/cli/output';
import { entryProblem } from '../../src/cli/targets-file';
import { progressCounts } from '../../src/views/progress';

function resolvedPeople(userIds: string[]): ResolvedTargets {
  return {
    userIds,
    notFound: [],
    leftOut: [],
    unchecked: [],
    duplicateCount: 0,
    ignored: [],
    usergroups: [],
  };
}

const PROGRESS = { total: 3, signedOut: 3, queued: 0, failed: 0, remaining: 0 };

describe('command-line output', () => {
  it('summary of a real run', () => {
    const [first] = summaryText(resolvedPeople(['W0A']), 'all', false, 1).split('\n');

    expect(first).toBe('1 person found; the reset ends all their sessions with 1 admin call.');
  });

  it('summary names mobile sessions', () => {
    const [first] = summaryText(resolvedPeople(['W0A']), 'mobile', false, 1).split('\n');

    expect(first).toBe('1 person found; the reset ends their mobile sessions with 1 admin call.');
  });

  it('summary of a dry run', () => {
    const [first] = summaryText(resolvedPeople(['W0A', 'W0B', 'W0C']), 'web', true, 3).split('\n');

    expect(first).toBe(
      '3 people found; a dry run checks their web sessions and makes no admin call (a real run would make 3 admin calls).',
    );
  });

  it('progress of a dry run says would be', () => {
    expect(progressCounts(PROGRESS, true)).toBe(
      '3 of 3 done · 3 would be signed out · 0 would be queued · 0 failed · 0 remaining',
    );
  });

  it('progress of a real run', () => {
    expect(progressCounts(PROGRESS)).toBe('3 of 3 done · 3 signed out · 0 queued · 0 failed · 0 remaining');
  });

  it('closing line of a dry run', () => {
    expect(finishedText('c-1', true, { adminCalls: 0, plannedCalls: 3 })).toBe(
      'Dry run finished: no admin call was made; a real run would make 3 admin calls. Correlation ID c-1.',
    );
  });

  it('closing line of a real run', () => {
    expect(finishedText('c-1', false, { adminCalls: 1, plannedCalls: 1 })).toBe(
      'Finished with 1 admin call. Correlation ID c-1.',
    );
  });

  it('entry counts', () => {
    expect(entryCount(1)).toBe('1 entry');
    expect(entryCount(2500)).toBe('2,500 entries');
  });

  it('invalid entries', () => {
    const entry = {
      where: '--users entry 2',
      text: 'bob',
      reason: 'not a user ID, email address or user group ID',
    };

    expect(invalidEntryText(entry)).toBe(
      '--users entry 2: "bob" is not a user ID, email address or user group ID; skipped.',
    );
    expect(invalidEntryRows([entry])).toEqual([
      'bob\tinvalid\t\tnot a user ID, email address or user group ID',
    ]);
  });
});

describe('entryProblem', () => {
  it.each(['W0123ABCD', 'alice@example.com', 'S0123ABCD'])('accepts %s', (entry) => {
    expect(entryProblem(entry)).toBeUndefined();
  });

  it.each(['bob', '@here', '<#C0123ABCD>', 'W0A W0B'])('rejects %s', (entry) => {
    expect(entryProblem(entry)).toBe('not a user ID, email address or user group ID');
  });
});
