import type { ResolvedTargets } from '../../src/bulk/resolve-targets';
import { buildConfirmModal, readBulkConfirmMetadata } from '../../src/views/bulk-confirm';
import { failureListMessages, runReportBlocks } from '../../src/views/bulk-outcome';
import type { ResetSummary } from '../../src/views/outcome';
import { userIdList } from '../support/bulk-fakes';

function resolvedWith(overrides: Partial<ResolvedTargets>): ResolvedTargets {
  return {
    userIds: userIdList(2500),
    notFound: [],
    leftOut: [],
    unchecked: [],
    duplicateCount: 0,
    ignored: [],
    usergroups: [],
    ...overrides,
  };
}

function confirmModal(resolved: ResolvedTargets, dryRun = false) {
  return buildConfirmModal({
    resolved,
    scope: 'all',
    reason: 'incident',
    dryRun,
    plannedCalls: 3,
    metadata: { pending_id: 'abc' },
  });
}

function summaryOf(outcomes: ResetSummary['outcomes'], dryRun = false): ResetSummary {
  return { scope: 'all', reason: 'incident', outcomes, correlationId: 'req-1', dryRun };
}

describe('buildConfirmModal', () => {
  it('states the count and the cost', () => {
    expect(JSON.stringify(confirmModal(resolvedWith({})).blocks)).toContain(
      '2,500 people will be signed out',
    );
  });

  it('keeps title and submit within 24 characters', () => {
    const modal = confirmModal(resolvedWith({ userIds: userIdList(10000) }));
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit?.text.length).toBeLessThanOrEqual(24);
  });

  it('names problems and counts the rest', () => {
    const notFound = userIdList(500, 'W0NOPE').map((entry) => ({
      entry,
      reason: 'no one in Slack has this user ID',
    }));
    const text = JSON.stringify(confirmModal(resolvedWith({ notFound })).blocks);
    expect(text).toContain('Not found (500)');
    expect(text).toContain('and 480 more');
  });

  it('gives the reason for left-out people', () => {
    const leftOut = [
      { userId: 'W0BOTUSER', reason: 'bot' as const },
      { userId: 'W0GONE', reason: 'deactivated' as const },
    ];
    const text = JSON.stringify(confirmModal(resolvedWith({ leftOut })).blocks);
    expect(text).toContain('Slack cannot reset a bot');
    expect(text).toContain('deactivated accounts');
  });

  it('says dry run on the button', () => {
    expect(confirmModal(resolvedWith({}), true).submit?.text).toBe('Start dry run');
  });

  it('offers no submit when nobody is left', () => {
    expect(confirmModal(resolvedWith({ userIds: [] })).submit).toBeUndefined();
  });

  it('stores only the key in private_metadata', () => {
    const modal = confirmModal(resolvedWith({}));
    expect(readBulkConfirmMetadata(modal.private_metadata ?? '')).toEqual({ pending_id: 'abc' });
  });
});

describe('runReportBlocks', () => {
  const outcomes = userIdList(2500).map((userId, index) =>
    index % 100 === 0 ? { userId, ok: false, error: 'user_not_found' } : { userId, ok: true, queued: true },
  );

  it('fits a large run in one message', () => {
    expect(runReportBlocks(summaryOf(outcomes), { retryButton: true }).length).toBeLessThanOrEqual(50);
  });

  it('offers Retry failed with the correlation id', () => {
    const text = JSON.stringify(runReportBlocks(summaryOf(outcomes), { retryButton: true }));
    expect(text).toContain('"action_id":"bulk_retry_failed"');
    expect(text).toContain('"value":"req-1"');
  });

  it('says queued rather than signed out', () => {
    const text = JSON.stringify(runReportBlocks(summaryOf(outcomes), { retryButton: false }));
    expect(text).toContain('queued for sign-out');
    expect(text).not.toContain(' signed out of all sessions');
  });

  it('says dry run and offers no retry', () => {
    const text = JSON.stringify(runReportBlocks(summaryOf(outcomes, true), { retryButton: true }));
    expect(text).toContain('Dry run');
    expect(text).not.toContain('bulk_retry_failed');
  });

  it('lists every failure in the thread messages', () => {
    const manyFailed = userIdList(3000).map((userId) => ({ userId, ok: false, error: 'user_not_found' }));
    const messages = failureListMessages(summaryOf(manyFailed));
    expect(messages.join('\n').match(/user_not_found/g)).toHaveLength(3000);
  });

  it('posts no list when the report names every failure', () => {
    expect(failureListMessages(summaryOf(outcomes))).toEqual([]);
  });
});
