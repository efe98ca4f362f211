import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { AuditRecord } from '../audit/audit-store';
import { escapeMrkdwn, mentionUser } from './mrkdwn';

/** Matches the action ids of the Newer and Older buttons. */
export const HISTORY_PAGE_ACTION = /^history_(newer|older)$/;
export const HISTORY_PAGE_SIZE = 10;

/** The page of history a button shows, carried in the button's value. */
export interface HistoryPage {
  targetUserId?: string;
  offset: number;
}

const REASON_SHOWN_MAX = 300;
const TARGETS_SHOWN_MAX = 10;

/** Builds an ephemeral message listing audit records, newest first, with buttons to page through them. */
export function buildHistoryBlocks(
  records: readonly AuditRecord[],
  total: number,
  page: HistoryPage,
): KnownBlock[] {
  const subject = page.targetUserId !== undefined ? ` that touched ${mentionUser(page.targetUserId)}` : '';
  const first = total === 0 ? 0 : page.offset + 1;
  const last = page.offset + records.length;
  const heading =
    total === 0
      ? `No requests${subject} are recorded yet.`
      : `Requests${subject}: ${first}–${last} of ${total}, newest first.`;

  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'history_heading', text: { type: 'mrkdwn', text: `*${heading}*` } },
  ];
  records.forEach((record, index) => {
    blocks.push({
      type: 'section',
      block_id: `history_${index}`,
      text: { type: 'mrkdwn', text: recordLine(record) },
    });
  });

  const navigation = pageButtons(total, page);
  if (navigation !== undefined) {
    blocks.push(navigation);
  }
  return blocks;
}

function recordLine(record: AuditRecord): string {
  const when = `<!date^${Math.floor(record.createdAt.getTime() / 1000)}^{date_short_pretty} {time}|${record.createdAt.toISOString()}>`;
  const succeeded = record.outcomes.filter((outcome) => outcome.ok).length;
  const failed = record.outcomes.length - succeeded;
  const targets = record.targetUserIds.slice(0, TARGETS_SHOWN_MAX).map(mentionUser).join(' ');
  const moreTargets =
    record.targetUserIds.length > TARGETS_SHOWN_MAX
      ? ` and ${record.targetUserIds.length - TARGETS_SHOWN_MAX} more`
      : '';
  const reason =
    record.reason.length > REASON_SHOWN_MAX ? `${record.reason.slice(0, REASON_SHOWN_MAX)}…` : record.reason;
  const what =
    record.action === 'invalidate' ? 'sign-out of one session' : `reset (${record.scope ?? 'no scope'})`;

  return [
    `*${when}* ${mentionUser(record.requesterId)}: ${what}${record.dryRun ? ', dry run' : ''}, *${record.status}*`,
    `People: ${targets || '(none)'}${moreTargets}. Outcome: ${succeeded} succeeded, ${failed} failed.`,
    `Reason: ${escapeMrkdwn(reason) || '(none)'}`,
    `Correlation ID: \`${record.id}\``,
  ].join('\n');
}

function pageButtons(total: number, page: HistoryPage): ActionsBlock | undefined {
  const buttons: Button[] = [];
  if (page.offset > 0) {
    buttons.push(
      pageButton('Newer', { ...page, offset: Math.max(0, page.offset - HISTORY_PAGE_SIZE) }, 'history_newer'),
    );
  }
  if (page.offset + HISTORY_PAGE_SIZE < total) {
    buttons.push(pageButton('Older', { ...page, offset: page.offset + HISTORY_PAGE_SIZE }, 'history_older'));
  }
  return buttons.length === 0 ? undefined : { type: 'actions', block_id: 'history_pages', elements: buttons };
}

function pageButton(text: string, page: HistoryPage, actionId: string): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value: JSON.stringify(page),
  };
}

/** Reads a page button's value; returns undefined for anything that is not a page this app made. */
export function readHistoryPage(value: string | undefined): HistoryPage | undefined {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    if (typeof parsed !== 'object' || parsed === null || !('offset' in parsed)) {
      return undefined;
    }
    const offset = parsed.offset;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
      return undefined;
    }
    const target = 'targetUserId' in parsed ? parsed.targetUserId : undefined;
    if (target !== undefined && (typeof target !== 'string' || !/^[UW][A-Z0-9]{2,}$/.test(target))) {
      return undefined;
    }
    return target === undefined ? { offset } : { offset, targetUserId: target };
  } catch {
    return undefined;
  }
}
