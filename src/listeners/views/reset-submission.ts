import type { AllMiddlewareArgs, Logger, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { slackErrorCode } from '../../slack/error-code';
import {
  buildOutcomeModal,
  buildRefusedModal,
  buildWorkingModal,
  outcomeBlocks,
  type ResetSummary,
  summaryLine,
} from '../../views/outcome';
import { readResetSubmission } from '../../views/read-reset-submission';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Submit on the reset modal: checks the submitter again, validates, resets, then reports per person. */
export function resetSubmission(services: AppServices) {
  return async ({ ack, body, view, client, logger }: SubmissionArgs): Promise<void> => {
    const requesterId = body.user.id;

    // Checked again because access may have been withdrawn since the modal opened.
    const decision = await services.access.check(requesterId);
    if (!decision.allowed) {
      logger.warn(
        JSON.stringify({ event: 'submission_refused', user_id: requesterId, reason: decision.reason }),
      );
      await ack({
        response_action: 'update',
        view: buildRefusedModal(refusalText(decision.reason, requesterId)),
      });
      return;
    }

    const submission = readResetSubmission(view);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }

    const { userIds, scope, reason } = submission.request;
    await ack({ response_action: 'update', view: buildWorkingModal(userIds.length, scope) });
    logger.info(
      JSON.stringify({
        event: 'reset_started',
        requester_id: requesterId,
        user_ids: userIds,
        scope,
        view_id: view.id,
      }),
    );

    const outcomes = await services.sessions.resetSessions(userIds, scope);
    const summary: ResetSummary = { scope, reason, outcomes };
    await reportOutcome(client, logger, view.id, requesterId, summary);
  };
}

/** Shows the outcome in the modal and in a direct message, so it arrives even if the modal was closed. */
async function reportOutcome(
  client: WebClient,
  logger: Logger,
  viewId: string,
  requesterId: string,
  summary: ResetSummary,
): Promise<void> {
  const [modal, message] = await Promise.allSettled([
    client.views.update({ view_id: viewId, view: buildOutcomeModal(summary) }),
    client.chat.postMessage({
      channel: requesterId,
      text: summaryLine(summary),
      blocks: outcomeBlocks(summary),
    }),
  ]);

  if (modal.status === 'rejected') {
    logger.warn(
      JSON.stringify({ event: 'views_update_failed', view_id: viewId, error: slackErrorCode(modal.reason) }),
    );
  }
  if (message.status === 'rejected') {
    logger.error(
      JSON.stringify({
        event: 'outcome_message_failed',
        user_id: requesterId,
        error: slackErrorCode(message.reason),
      }),
    );
  }
}
