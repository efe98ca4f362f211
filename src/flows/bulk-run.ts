import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { type ResetRecord, runRecordedReset } from '../bulk/bulk-resets';
import { ThrottledProgress } from '../bulk/run-progress';
import type { AppServices } from '../services';
import { slackErrorCode } from '../slack/error-code';
import { buildRunReportModal, failureListMessages, runReportBlocks } from '../views/bulk-outcome';
import type { ResetSummary } from '../views/outcome';
import { summaryLine } from '../views/outcome';
import { buildProgressModal } from '../views/progress';
import { updateView } from './update-view';

/** The modal shows new counts at most this often, well within views.update's Tier 4 limit. */
export const PROGRESS_INTERVAL_MS = 3_000;

export interface RunAndReportInput {
  client: WebClient;
  logger: Logger;
  /** The modal that shows progress and then the result. */
  viewId: string;
  /** A request already begun in the audit trail. */
  record: ResetRecord;
}

/**
 * Runs a confirmed request, keeps the modal's counts current, then shows the result in the modal and in a
 * direct message with "Retry failed", and posts the full list of failures under that message.
 * Returns the final modal, so a repeated delivery of the same submission can be given it.
 */
export async function runAndReport(services: AppServices, input: RunAndReportInput): Promise<ModalView> {
  const { client, logger, viewId, record } = input;
  const progress = new ThrottledProgress(
    (counts) => updateView(client, logger, viewId, buildProgressModal(counts, record.scope, record.dryRun)),
    PROGRESS_INTERVAL_MS,
  );

  logger.info(
    JSON.stringify({
      event: 'bulk_reset_started',
      correlation_id: record.correlationId,
      requester_id: record.requesterId,
      count: record.userIds.length,
      scope: record.scope,
      dry_run: record.dryRun,
      view_id: viewId,
    }),
  );
  const result = await runRecordedReset(services.audit, services.bulk.runner, record, {
    onProgress: (counts) => progress.report(counts),
  });
  await progress.finish();
  logger.info(
    JSON.stringify({
      event: 'bulk_reset_finished',
      correlation_id: record.correlationId,
      strategy: result.strategy,
      admin_calls: result.adminCalls,
      failed: result.outcomes.filter((outcome) => !outcome.ok).length,
    }),
  );
  if (result.auditClosed) {
    // Another process closed the record mid-run, so the later outcomes exist only in this log and the DM.
    logger.error(
      JSON.stringify({
        event: 'audit_record_closed_during_run',
        correlation_id: record.correlationId,
        outcomes: result.outcomes.map((outcome) => ({
          user_id: outcome.userId,
          ok: outcome.ok,
          error: outcome.error ?? null,
        })),
      }),
    );
  }

  const summary: ResetSummary = {
    scope: record.scope,
    reason: record.reason,
    outcomes: result.outcomes,
    correlationId: record.correlationId,
    dryRun: record.dryRun,
  };
  const modal = buildRunReportModal(summary);
  await Promise.all([updateView(client, logger, viewId, modal), sendReport(client, logger, record, summary)]);
  return modal;
}

/** Sends the result as a direct message, then the complete list of failures as replies in its thread. */
async function sendReport(
  client: WebClient,
  logger: Logger,
  record: ResetRecord,
  summary: ResetSummary,
): Promise<void> {
  let threadTs: string | undefined;
  try {
    const posted = await client.chat.postMessage({
      channel: record.requesterId,
      text: summaryLine(summary),
      blocks: runReportBlocks(summary, { retryButton: true }),
    });
    threadTs = posted.ts;
  } catch (error) {
    logger.error(
      JSON.stringify({
        event: 'outcome_message_failed',
        user_id: record.requesterId,
        correlation_id: record.correlationId,
        error: slackErrorCode(error),
      }),
    );
    return;
  }

  for (const text of failureListMessages(summary)) {
    try {
      await client.chat.postMessage({ channel: record.requesterId, text, thread_ts: threadTs });
    } catch (error) {
      logger.error(
        JSON.stringify({
          event: 'failure_list_message_failed',
          correlation_id: record.correlationId,
          error: slackErrorCode(error),
        }),
      );
      return;
    }
  }
}
