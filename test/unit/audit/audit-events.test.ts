import { toAuditEvent } from '../../../src/audit/audit-events';
import type { AuditRecord } from '../../../src/audit/audit-store';

const record: AuditRecord = {
  id: 'req-1',
  action: 'invalidate',
  status: 'completed',
  requesterId: 'UADMIN1',
  teamId: null,
  enterpriseId: 'E0001',
  targetUserIds: ['U0001', 'U0002', 'U0003'],
  scope: null,
  reason: 'Phone lost <@U0001>',
  dryRun: false,
  source: 'cli',
  sessionId: '12345',
  sessionSummary: 'iPhone, 198.51.100.4',
  detail: null,
  createdAt: new Date('2026-03-01T10:00:00.000Z'),
  closedAt: new Date('2026-03-01T10:00:05.250Z'),
  outcomes: [
    { userId: 'U0001', ok: true, at: new Date('2026-03-01T10:00:01.000Z') },
    { userId: 'U0002', ok: false, error: 'ratelimited', at: new Date('2026-03-01T10:00:02.000Z') },
    { userId: 'U0003', ok: true, at: new Date('2026-03-01T10:00:03.000Z') },
  ],
};

describe('toAuditEvent', () => {
  it('maps every field to snake_case', () => {
    expect(toAuditEvent(record)).toStrictEqual({
      correlation_id: 'req-1',
      action: 'invalidate',
      status: 'completed',
      requester_id: 'UADMIN1',
      team_id: null,
      enterprise_id: 'E0001',
      target_user_ids: ['U0001', 'U0002', 'U0003'],
      scope: null,
      reason: 'Phone lost <@U0001>',
      dry_run: false,
      source: 'cli',
      session_id: '12345',
      session_summary: 'iPhone, 198.51.100.4',
      detail: null,
      created_at: '2026-03-01T10:00:00.000Z',
      closed_at: '2026-03-01T10:00:05.250Z',
      outcomes: [
        {
          user_id: 'U0001',
          ok: true,
          error: null,
          queued: false,
          dry_run: false,
          at: '2026-03-01T10:00:01.000Z',
        },
        {
          user_id: 'U0002',
          ok: false,
          error: 'ratelimited',
          queued: false,
          dry_run: false,
          at: '2026-03-01T10:00:02.000Z',
        },
        {
          user_id: 'U0003',
          ok: true,
          error: null,
          queued: false,
          dry_run: false,
          at: '2026-03-01T10:00:03.000Z',
        },
      ],
      succeeded: 2,
      failed: 1,
      would_succeed: 0,
    });
  });

  it('dry run counts would_succeed, not succeeded', () => {
    const event = toAuditEvent({ ...record, dryRun: true });

    expect(event.succeeded).toBe(0);
    expect(event.failed).toBe(1);
    expect(event.would_succeed).toBe(2);
  });

  it('dry run marks each outcome', () => {
    const event = toAuditEvent({ ...record, dryRun: true });

    expect(event.outcomes.map((outcome) => outcome.dry_run)).toEqual([true, true, true]);
  });

  it('open request has null closed_at', () => {
    const event = toAuditEvent({ ...record, status: 'open', closedAt: null, outcomes: [] });

    expect(event.closed_at).toBeNull();
    expect(event.succeeded).toBe(0);
    expect(event.failed).toBe(0);
  });

  it('survives a JSON round trip', () => {
    const event = toAuditEvent(record);

    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
  });

  it('does not share arrays with record', () => {
    const event = toAuditEvent(record);
    event.target_user_ids.push('UEXTRA');

    expect(record.targetUserIds).toHaveLength(3);
  });
});
