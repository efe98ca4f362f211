import type { KnownBlock, ModalView } from '@slack/types';
import { describeError } from '../messages/error-messages';
import type { SessionScope } from '../slack/scope';
import type { ResetOutcome } from '../slack/session-admin';
import { escapeMrkdwn, linesToSections, mentionUser } from './mrkdwn';

const SCOPE_PHRASES: Readonly<Record<SessionScope, string>> = {
  all: 'all sessions',
  mobile: 'mobile sessions',
  web: 'web sessions',
};

/** What the requester is shown about one finished request. */
export interface ResetSummary {
  scope: SessionScope;
  reason: string;
  outcomes: readonly ResetOutcome[];
  /** The audit record's id, so the requester can quote it. */
  correlationId: string;
}

/** A one-line count, used as the message's notification text and the view's heading. */
export function summaryLine({ scope, outcomes }: ResetSummary): string {
  const succeeded = outcomes.filter((outcome) => outcome.ok).length;
  const failed = outcomes.length - succeeded;
  const counts = `${succeeded} of ${outcomes.length} ${outcomes.length === 1 ? 'person' : 'people'} signed out of ${SCOPE_PHRASES[scope]}`;
  return failed === 0 ? counts : `${counts}; ${failed} failed`;
}

/** One mrkdwn line per person, saying what happened and, on failure, what to do. */
export function outcomeLines(outcomes: readonly ResetOutcome[]): string[] {
  return outcomes.map((outcome) =>
    outcome.ok
      ? `:white_check_mark: ${mentionUser(outcome.userId)}: signed out`
      : `:x: ${mentionUser(outcome.userId)}: ${describeError(outcome.error ?? 'unexpected_error')} (\`${outcome.error ?? 'unexpected_error'}\`)`,
  );
}

/** Blocks shared by the modal and the direct message: heading, reason and a line per person. */
export function outcomeBlocks(summary: ResetSummary): KnownBlock[] {
  return [
    { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: `*${summaryLine(summary)}*` } },
    {
      type: 'context',
      block_id: 'reason',
      elements: [
        { type: 'mrkdwn', text: `Reason: ${escapeMrkdwn(summary.reason).slice(0, 2900)}` },
        { type: 'mrkdwn', text: `Correlation ID: \`${summary.correlationId}\`` },
      ],
    },
    ...linesToSections(outcomeLines(summary.outcomes), 'outcomes'),
  ];
}

export function buildOutcomeModal(summary: ResetSummary): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Reset finished' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: outcomeBlocks(summary),
  };
}

/** Shown the moment the form is accepted, until the resets finish. */
export function buildWorkingModal(personCount: number, scope: SessionScope): ModalView {
  const people = personCount === 1 ? '1 person' : `${personCount} people`;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Resetting sessions' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        block_id: 'working',
        text: {
          type: 'mrkdwn',
          text:
            `:hourglass_flowing_sand: Signing ${people} out of ${SCOPE_PHRASES[scope]}… ` +
            'You can close this window: the result also arrives as a direct message from this app.',
        },
      },
    ],
  };
}

/** Replaces the form when the submitter is no longer allowed by the time they press the button. */
export function buildRefusedModal(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Not allowed' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', block_id: 'refused', text: { type: 'mrkdwn', text } }],
  };
}
