import type { AuditRecord } from '../../src/audit/audit-store';
import { buildHistoryBlocks, readHistoryPage } from '../../src/views/history';

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    action: 'reset',
    status: 'completed',
    requesterId: 'W0ADMIN',
    teamId: 'T0WORK1',
    enterpriseId: 'E0ORG1',
    targetUserIds: ['W0ALICE'],
    scope: 'all',
    reason: 'stolen laptop',
    dryRun: false,
    source: 'modal',
    sessionId: null,
    sessionSummary: null,
    detail: null,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    closedAt: new Date('2026-12-01T10:00:02Z'),
    outcomes: [{ userId: 'W0ALICE', ok: true, at: new Date('2026-12-01T10:00:01Z') }],
    ...overrides,
  };
}

describe('buildHistoryBlocks', () => {
  it('says when nothing is recorded', () => {
    expect(JSON.stringify(buildHistoryBlocks([], 0, { offset: 0 }))).toContain(
      'No requests are recorded yet.',
    );
  });

  it('escapes the reason', () => {
    const text = JSON.stringify(
      buildHistoryBlocks([record({ reason: '<!channel> & <@W0BOB>' })], 1, { offset: 0 }),
    );
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@W0BOB&gt;');
  });

  it('offers only Older on the first of several pages', () => {
    const blocks = buildHistoryBlocks([record()], 25, { offset: 0 });
    const actions = blocks.find((block) => block.type === 'actions');
    expect(JSON.stringify(actions)).toContain('history_older');
    expect(JSON.stringify(actions)).not.toContain('history_newer');
  });

  it('offers only Newer on the last page', () => {
    const blocks = buildHistoryBlocks([record()], 25, { offset: 20 });
    const actions = blocks.find((block) => block.type === 'actions');
    expect(JSON.stringify(actions)).toContain('history_newer');
    expect(JSON.stringify(actions)).not.toContain('history_older');
  });
});

describe('readHistoryPage', () => {
  it('reads a page with a person', () => {
    expect(readHistoryPage('{"offset":10,"targetUserId":"W0ALICE"}')).toEqual({
      offset: 10,
      targetUserId: 'W0ALICE',
    });
  });

  it.each(['', 'x', '{}', '{"offset":-1}', '{"offset":1.5}', '{"offset":0,"targetUserId":"<!here>"}'])(
    'rejects %p',
    (value) => {
      expect(readHistoryPage(value)).toBeUndefined();
    },
  );
});
