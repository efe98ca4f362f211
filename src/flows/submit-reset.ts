import { randomUUID } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  Logger,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AuditRefusal } from '../audit/audit-store';
import { yieldToPendingRequests } from '../lifecycle/yield-to-requests';
import { tooManyPeopleText } from '../messages/bulk';
import type { AppServices } from '../services';
import { slackErrorCode } from '../slack/error-code';
import { buildCheckingModal } from '../views/bulk-confirm';
import {
  buildOutcomeModal,
  buildWorkingModal,
  outcomeBlocks,
  type ResetSummary,
  summaryLine,
} from '../views/outcome';
import { buildProgressModal } from '../views/progress';
import { type ResetRequest, readResetSubmission, readSubmittedDraft } from '../views/read-reset-submission';
import { RESET_INPUTS } from '../views/reset-modal';
import { needsConfirmation, prepareConfirmation } from './bulk-confirm';
import { type Requester, refuseSubmission, requesterFrom } from './requester';
import type { OpenClaim } from './submission-ledger';

/** The parts of Bolt's view_submission arguments that a submission of the reset modal uses. */
export type ResetSubmissionInput = Pick<
  SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  'ack' | 'body' | 'view' | 'client' | 'logger'
>;

/**
 * Checks the submitter again and validates the reset modal, then either hands a pasted list to the bulk
 * confirmation or runs the reset. `claim` is this submission's entry in the duplicate-submission ledger.
 */
export async function submitReset(
  services: AppServices,
  input: ResetSubmissionInput,
  claim: OpenClaim,
): Promise<void> {
  const { ack, body, view, client, logger } = input;
  const requester = requesterFrom(body);

  // Checked again because access may have been withdrawn since the modal opened.
  const decision = await services.access.check(requester.requesterId);
  if (!decision.allowed) {
    const draft = readSubmittedDraft(view);
    await refuseSubmission(services, {
      ack,
      logger,
      requester,
      refusal: decision.reason,
      request: { targetUserIds: draft.userIds, scope: draft.scope, reason: draft.reason },
    });
    return;
  }

  const submission = readResetSubmission(view);
  if (!submission.ok) {
    await ack({ response_action: 'errors', errors: submission.errors });
    await services.audit.refuse(rejectionRecord(requester, view, Object.values(submission.errors).join(' ')));
    return;
  }

  if (needsConfirmation(submission.request)) {
    // Look-ups can take longer than Slack waits for the ack, so the confirmation follows with views.update.
    await ack({ response_action: 'update', view: buildCheckingModal() });
    await prepareConfirmation(services, {
      client,
      logger,
      viewId: view.id,
      requester,
      request: submission.request,
    });
    return;
  }

  const { userIds } = submission.request;
  const max = services.bulk.settings.maxTargetsPerRequest;
  if (userIds.length > max) {
    const errors = { [RESET_INPUTS.targets.blockId]: tooManyPeopleText(userIds.length, max) };
    await ack({ response_action: 'errors', errors });
    await services.audit.refuse(rejectionRecord(requester, view, errors[RESET_INPUTS.targets.blockId]));
    return;
  }

  await runReset(services, input, claim, requester, submission.request);
}

/** Records the request, acks with the working view, resets everyone, then reports per person. */
async function runReset(
  services: AppServices,
  { ack, view, client, logger }: ResetSubmissionInput,
  claim: OpenClaim,
  requester: Requester,
  request: ResetRequest,
): Promise<void> {
  const { userIds, scope, reason } = request;
  const dryRun = services.bulk.settings.dryRun || request.dryRun === true;
  const correlationId = randomUUID();
  // Committed before the ack, so a submission Slack saw accepted always has a record, even after kill -9.
  await services.audit.begin({
    id: correlationId,
    action: 'reset',
    ...requester,
    targetUserIds: userIds,
    scope,
    reason,
    dryRun,
    source: 'modal',
    submissionKey: claim.key,
    createdAt: new Date(),
  });
  const workingView = dryRun
    ? buildProgressModal(
        { total: userIds.length, signedOut: 0, queued: 0, failed: 0, remaining: userIds.length },
        scope,
        true,
      )
    : buildWorkingModal(userIds.length, scope);
  claim.accept({ correlationId, view: workingView });
  await ack({ response_action: 'update', view: workingView });
  logger.info(
    JSON.stringify({
      event: 'reset_started',
      correlation_id: correlationId,
      requester_id: requester.requesterId,
      user_ids: userIds,
      scope,
      view_id: view.id,
    }),
  );
  // Under a burst, the forms still arriving are recorded and acknowledged before this run starts.
  await yieldToPendingRequests();

  // The runner picks one call per person or resetBulk by size, and paces both to the rate limit.
  const { outcomes } = await services.bulk.runner.run({
    userIds,
    scope,
    dryRun,
    onOutcome: (outcome) => services.audit.outcome(correlationId, { ...outcome, at: new Date() }),
  });
  await services.audit.complete(correlationId);

  const summary: ResetSummary = { scope, reason, outcomes, correlationId, dryRun };
  claim.update(buildOutcomeModal(summary));
  await reportOutcome(client, logger, view.id, requester.requesterId, summary);
}

/** Builds the record of a submission that failed validation, with what the form held and the errors in `detail`. */
function rejectionRecord(requester: Requester, view: ViewOutput, detail: string): AuditRefusal {
  const draft = readSubmittedDraft(view);
  return {
    id: randomUUID(),
    action: 'reset',
    status: 'rejected',
    ...requester,
    targetUserIds: draft.userIds,
    scope: draft.scope,
    reason: draft.reason,
    source: 'modal',
    detail,
    createdAt: new Date(),
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
