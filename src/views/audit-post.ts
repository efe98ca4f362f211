import type { KnownBlock } from '@slack/types';
import type { AuditRecord } from '../audit/audit-store';
import { escapeMrkdwn, mentionUser } from './mrkdwn';

const HEADLINES: Readonly<Record<AuditRecord['status'], string>> = {
  open: 'Request in progress',
  completed: 'Request completed',
  interrupted: 'Request interrupted: the app stopped before it finished',
  refused: 'Request refused: requester not allowed',
  rejected: 'Request rejected: the form was invalid',
};

const MENTIONS_SHOWN_MAX = 50;

/** Builds the notification text of a security channel post. */
export function auditRecordText(record: AuditRecord): string {
  const action = record.action === 'invalidate' ? 'Session sign-out' : 'Session reset';
  const dryRun = record.dryRun ? ' (dry run)' : '';
  return `${action}${dryRun}: ${HEADLINES[record.status]}, requested by ${mentionUser(record.requesterId)}.`;
}

/** Builds one security channel post: requester, people, sessions, reason, outcome counts and correlation ID. */
export function auditRecordBlocks(record: AuditRecord): KnownBlock[] {
  const succeeded = record.outcomes.filter((outcome) => outcome.ok).length;
  const failed = record.outcomes.length - succeeded;
  const fields = [
    `*Requester*\n${mentionUser(record.requesterId)}`,
    `*Sessions*\n${record.sessionSummary !== null ? escapeMrkdwn(record.sessionSummary) : (record.scope ?? 'n/a')}`,
    `*Outcome*\n${succeeded} succeeded, ${failed} failed, ${record.targetUserIds.length - record.outcomes.length} not attempted`,
    `*Correlation ID*\n\`${record.id}\``,
  ];

  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'headline', text: { type: 'mrkdwn', text: `*${auditRecordText(record)}*` } },
    { type: 'section', block_id: 'facts', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
    {
      type: 'section',
      block_id: 'people',
      text: { type: 'mrkdwn', text: `*People*\n${peopleLine(record.targetUserIds)}` },
    },
    {
      type: 'section',
      block_id: 'reason',
      text: { type: 'mrkdwn', text: `*Reason*\n${escapeMrkdwn(record.reason).slice(0, 2900) || '(none)'}` },
    },
  ];
  if (record.detail !== null) {
    blocks.push({
      type: 'context',
      block_id: 'detail',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(record.detail).slice(0, 2900) }],
    });
  }
  return blocks;
}

function peopleLine(userIds: readonly string[]): string {
  if (userIds.length === 0) {
    return '(none)';
  }
  const shown = userIds.slice(0, MENTIONS_SHOWN_MAX).map(mentionUser).join(' ');
  const more = userIds.length - MENTIONS_SHOWN_MAX;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
