import type { ModalView } from '@slack/types';
import type { RunProgress } from '../bulk/run-progress';
import { peopleCount } from '../messages/bulk';
import type { SessionScope } from '../slack/scope';

const SCOPE_PHRASES: Readonly<Record<SessionScope, string>> = {
  all: 'all sessions',
  mobile: 'mobile sessions',
  web: 'web sessions',
};

/**
 * Formats one line of counts, shared by the modal and the command-line progress line. A dry run signs
 * nobody out, so its counts say "would be".
 */
export function progressCounts(progress: RunProgress, dryRun = false): string {
  const done = progress.total - progress.remaining;
  const would = dryRun ? 'would be ' : '';
  return [
    `${done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} done`,
    `${progress.signedOut.toLocaleString('en-US')} ${would}signed out`,
    `${progress.queued.toLocaleString('en-US')} ${would}queued`,
    `${progress.failed.toLocaleString('en-US')} failed`,
    `${progress.remaining.toLocaleString('en-US')} remaining`,
  ].join(' · ');
}

/** Builds the modal shown while a run goes on, updated every few seconds with the counts so far. */
export function buildProgressModal(progress: RunProgress, scope: SessionScope, dryRun: boolean): ModalView {
  const action = dryRun
    ? `:test_tube: *Dry run:* checking ${peopleCount(progress.total)} for ${SCOPE_PHRASES[scope]}; nobody is signed out.`
    : `:hourglass_flowing_sand: Signing ${peopleCount(progress.total)} out of ${SCOPE_PHRASES[scope]}…`;

  return {
    type: 'modal',
    title: { type: 'plain_text', text: dryRun ? 'Dry run running' : 'Resetting sessions' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      { type: 'section', block_id: 'progress', text: { type: 'mrkdwn', text: action } },
      {
        type: 'context',
        block_id: 'progress_counts',
        elements: [{ type: 'mrkdwn', text: progressCounts(progress, dryRun) }],
      },
      {
        type: 'context',
        block_id: 'progress_hint',
        elements: [
          {
            type: 'mrkdwn',
            text: 'You can close this window: the result also arrives as a direct message from this app.',
          },
        ],
      },
    ],
  };
}
