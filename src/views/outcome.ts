import type { KnownBlock, ModalView } from '@slack/types';
import { describeError } from '../messages/error-messages';
import type { SessionScope } from '../slack/scope';
import type { ResetOutcome } from '../slack/session-admin';
import { escapeMrkdwn, linesToSections, mentionUser } from './mrkdwn';
import { checkSessionsBlock } from './sessions-actions';

const SCOPE_PHRASES: Readonly<Record<SessionScope, string>> = {
  all: 'all sessions',
  mobile: 'mobile sessions',
  web: 'web sessions',
};

/** The summary of one finished request that the requester sees. */
export interface ResetSummary {
  scope: SessionScope;
  reason: string;
  outcomes: readonly ResetOutcome[];
  /** The audit record's id, so the requester can quote it. */
  correlationId: string;
  /** True when no admin call was made, so every line describes what would have happened. */
  dryRun?: boolean;
}

/** Builds the one-line count used as the message's notification text and the view's heading. */
export function summaryLine({ scope, outcomes, dryRun }: ResetSummary): string {
  const succeeded = outcomes.filter((outcome) => outcome.ok).length;
  const queued = outcomes.filter((outcome) => outcome.ok && outcome.queued).length;
  const failed = outcomes.length - succeeded;
  const people = `${outcomes.length} ${outcomes.length === 1 ? 'person' : 'people'}`;

  if (dryRun) {
    return `Dry run: ${succeeded} of ${people} would be signed out of ${SCOPE_PHRASES[scope]}; nobody was signed out`;
  }
  // resetBulk only queues the work, so those people are counted apart from the ones Slack signed out.
  const counts =
    queued > 0
      ? `${queued} of ${people} queued for sign-out of ${SCOPE_PHRASES[scope]}` +
        (succeeded > queued ? `; ${succeeded - queued} signed out` : '')
      : `${succeeded} of ${people} signed out of ${SCOPE_PHRASES[scope]}`;
  return failed === 0 ? counts : `${counts}; ${failed} failed`;
}

/** Builds one mrkdwn line per person with the result and, on failure, the next step. */
export function outcomeLines(outcomes: readonly ResetOutcome[], dryRun = false): string[] {
  return outcomes.map((outcome) => {
    if (!outcome.ok) {
      return `:x: ${mentionUser(outcome.userId)}: ${describeError(outcome.error ?? 'unexpected_error')} (\`${outcome.error ?? 'unexpected_error'}\`)`;
    }
    if (dryRun) {
      return `:test_tube: ${mentionUser(outcome.userId)}: would be ${outcome.queued ? 'queued for sign-out' : 'signed out'} (dry run)`;
    }
    return outcome.queued
      ? `:hourglass_flowing_sand: ${mentionUser(outcome.userId)}: sign-out queued`
      : `:white_check_mark: ${mentionUser(outcome.userId)}: signed out`;
  });
}

/** Builds the heading, reason and correlation ID shown above every outcome and run report. */
export function summaryHeaderBlocks(summary: ResetSummary): KnownBlock[] {
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
  ];
}

/**
 * Blocks shared by the modal and the direct message: heading, reason, a line per person, and
 * "Check sessions" to list what each person still has.
 */
export function outcomeBlocks(summary: ResetSummary): KnownBlock[] {
  const check = checkSessionsBlock(summary.outcomes.map((outcome) => outcome.userId));
  return [
    ...summaryHeaderBlocks(summary),
    ...linesToSections(outcomeLines(summary.outcomes, summary.dryRun), 'outcomes'),
    ...(check !== undefined ? [check] : []),
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

/** Builds the view for a repeated delivery of a submission whose run has no outcome view to show. */
export function buildAlreadySubmittedModal(correlationId: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Already submitted' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        block_id: 'already_submitted',
        text: {
          type: 'mrkdwn',
          text:
            'This form was already submitted, so nobody was signed out again. ' +
            `Correlation ID: \`${correlationId}\``,
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
