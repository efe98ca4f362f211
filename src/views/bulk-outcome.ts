import type { KnownBlock, ModalView } from '@slack/types';
import { DRY_RUN_NOTICE, peopleCount, QUEUED_EXPLANATION } from '../messages/bulk';
import { describeError } from '../messages/error-messages';
import type { ResetOutcome } from '../slack/session-admin';
import { linesToSections, mentionUser } from './mrkdwn';
import { outcomeBlocks, type ResetSummary, summaryHeaderBlocks } from './outcome';
import { checkSessionsBlock } from './sessions-actions';

export const RETRY_FAILED_ACTION = 'bulk_retry_failed';

/** Runs up to this many people get a line each; larger ones get counts and the failures grouped by error. */
export const PER_PERSON_LINES_MAX = 100;

/** Mentions shown per error code in the grouped report; the full list follows in the thread. */
const MENTIONS_PER_CODE = 40;

/** Slack truncates message text past 40,000 characters; each posted list stays well below. */
const LIST_MESSAGE_MAX = 30_000;

/** Slack's limit on blocks in one message. */
const MESSAGE_BLOCKS_MAX = 50;

/** Builds the result of a run for the modal and the direct message; the message also gets "Retry failed". */
export function runReportBlocks(summary: ResetSummary, options: { retryButton: boolean }): KnownBlock[] {
  const blocks =
    summary.outcomes.length <= PER_PERSON_LINES_MAX ? outcomeBlocks(summary) : groupedReportBlocks(summary);
  const notes: string[] = [];
  if (summary.dryRun) {
    notes.push(`:test_tube: ${DRY_RUN_NOTICE}`);
  } else if (summary.outcomes.some((outcome) => outcome.ok && outcome.queued)) {
    notes.push(`:information_source: ${QUEUED_EXPLANATION}`);
  }

  const failed = failedUserIds(summary.outcomes);
  const extra: KnownBlock[] = notes.map((text, index) => ({
    type: 'context',
    block_id: `note_${index}`,
    elements: [{ type: 'mrkdwn', text }],
  }));
  if (options.retryButton && !summary.dryRun && failed.length > 0) {
    extra.push(retryBlock(summary.correlationId, failed.length));
  }

  return [...blocks.slice(0, MESSAGE_BLOCKS_MAX - extra.length), ...extra];
}

export function buildRunReportModal(summary: ResetSummary): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: summary.dryRun ? 'Dry run finished' : 'Reset finished' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: runReportBlocks(summary, { retryButton: false }),
  };
}

/**
 * Lists the failed people of a large run as plain-text messages for the thread under the report, so the
 * complete list is kept in Slack even when the report itself names only the first few per error.
 */
export function failureListMessages(summary: ResetSummary): string[] {
  const failures = summary.outcomes.filter((outcome) => !outcome.ok);
  if (failures.length <= MENTIONS_PER_CODE) {
    return [];
  }

  const lines = failures.map((outcome) => `${outcome.userId}\t${outcome.error ?? 'unexpected_error'}`);
  const messages: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > LIST_MESSAGE_MAX && current.length > 0) {
      messages.push(current.join('\n'));
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + 1;
  }
  messages.push(current.join('\n'));

  return messages.map(
    (body, index) =>
      `Failed people, part ${index + 1} of ${messages.length} (user ID, then error code), correlation ID ` +
      `${summary.correlationId}:\n\`\`\`\n${body}\n\`\`\``,
  );
}

function groupedReportBlocks(summary: ResetSummary): KnownBlock[] {
  const lines = failureGroups(summary.outcomes).map(({ code, userIds }) => {
    const shown = userIds.slice(0, MENTIONS_PER_CODE).map(mentionUser).join(' ');
    const more = userIds.length > MENTIONS_PER_CODE ? ` and ${userIds.length - MENTIONS_PER_CODE} more` : '';
    return `:x: *${peopleCount(userIds.length)} failed* with \`${code}\`: ${describeError(code)}\n${shown}${more}`;
  });
  const succeeded = summary.outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.userId);
  const check = summary.dryRun ? undefined : checkSessionsBlock(succeeded);

  return [
    ...summaryHeaderBlocks(summary),
    ...linesToSections(lines, 'failures'),
    ...(check !== undefined ? [check] : []),
  ];
}

function failureGroups(outcomes: readonly ResetOutcome[]): Array<{ code: string; userIds: string[] }> {
  const groups = new Map<string, string[]>();
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      const code = outcome.error ?? 'unexpected_error';
      const userIds = groups.get(code) ?? [];
      userIds.push(outcome.userId);
      groups.set(code, userIds);
    }
  }
  return [...groups].map(([code, userIds]) => ({ code, userIds }));
}

function failedUserIds(outcomes: readonly ResetOutcome[]): string[] {
  return outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.userId);
}

function retryBlock(correlationId: string, failedCount: number): KnownBlock {
  return {
    type: 'actions',
    block_id: 'retry_failed',
    elements: [
      {
        type: 'button',
        action_id: RETRY_FAILED_ACTION,
        text: {
          type: 'plain_text',
          text: `Retry failed (${failedCount.toLocaleString('en-US')})`.slice(0, 75),
        },
        value: correlationId,
      },
    ],
  };
}
