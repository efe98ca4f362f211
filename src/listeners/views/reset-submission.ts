import { randomUUID } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  Logger,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AuditRefusal } from '../../audit/audit-store';
import { needsConfirmation, prepareConfirmation } from '../../flows/bulk-confirm';
import { type OpenClaim, SubmissionLedger } from '../../flows/submission-ledger';
import { yieldToPendingRequests } from '../../lifecycle/yield-to-requests';
import { tooManyPeopleText } from '../../messages/bulk';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { slackErrorCode } from '../../slack/error-code';
import { buildCheckingModal } from '../../views/bulk-confirm';
import {
  buildOutcomeModal,
  buildRefusedModal,
  buildWorkingModal,
  outcomeBlocks,
  type ResetSummary,
  summaryLine,
} from '../../views/outcome';
import { buildProgressModal } from '../../views/progress';
import { readResetSubmission, readSubmittedDraft } from '../../views/read-reset-submission';
import { RESET_INPUTS } from '../../views/reset-modal';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Submit on the reset modal: checks the submitter again, validates, records, resets, then reports per person.
 * A second delivery of the same submission gets the first one's view and resets nobody again.
 */
export function resetSubmission(services: AppServices) {
  const ledger = new SubmissionLedger();
  const handleSubmission = submissionHandler(services);

  return async (args: SubmissionArgs): Promise<void> => {
    const claim = await ledger.claim(args.view.id, args.view.hash);
    if (claim.duplicateOf !== undefined) {
      const { correlationId, view } = claim.duplicateOf;
      args.logger.info(
        JSON.stringify({
          event: 'duplicate_submission',
          view_id: args.view.id,
          correlation_id: correlationId,
        }),
      );
      await args.ack({ response_action: 'update', view });
      return;
    }

    try {
      await handleSubmission(args, claim);
    } finally {
      claim.release();
    }
  };
}

function submissionHandler(services: AppServices) {
  return async ({ ack, body, view, client, logger }: SubmissionArgs, claim: OpenClaim): Promise<void> => {
    const requester = {
      requesterId: body.user.id,
      teamId: body.user.team_id ?? body.team?.id ?? null,
      enterpriseId: body.enterprise?.id ?? null,
    };

    // Checked again because access may have been withdrawn since the modal opened.
    const decision = await services.access.check(requester.requesterId);
    if (!decision.allowed) {
      logger.warn(
        JSON.stringify({
          event: 'submission_refused',
          user_id: requester.requesterId,
          reason: decision.reason,
        }),
      );
      await ack({
        response_action: 'update',
        view: buildRefusedModal(refusalText(decision.reason, requester.requesterId)),
      });
      await services.audit.refuse(refusalRecord(requester, view, 'refused', decision.reason));
      return;
    }

    const submission = readResetSubmission(view);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      await services.audit.refuse(
        refusalRecord(requester, view, 'rejected', Object.values(submission.errors).join(' ')),
      );
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

    const { userIds, scope, reason } = submission.request;
    const max = services.bulk.settings.maxTargetsPerRequest;
    if (userIds.length > max) {
      const errors = { [RESET_INPUTS.targets.blockId]: tooManyPeopleText(userIds.length, max) };
      await ack({ response_action: 'errors', errors });
      await services.audit.refuse(
        refusalRecord(requester, view, 'rejected', errors[RESET_INPUTS.targets.blockId]),
      );
      return;
    }

    const dryRun = services.bulk.settings.dryRun || submission.request.dryRun === true;
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
  };
}

interface Requester {
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
}

function refusalRecord(
  requester: Requester,
  view: ViewOutput,
  status: AuditRefusal['status'],
  detail: string,
): AuditRefusal {
  const draft = readSubmittedDraft(view);
  return {
    id: randomUUID(),
    action: 'reset',
    status,
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
