import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { beginReset, type ResetRecord } from '../../bulk/bulk-resets';
import { runAndReport } from '../../flows/bulk-run';
import { CONFIRMATION_EXPIRED_TEXT } from '../../messages/bulk';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { buildExpiredModal, readBulkConfirmMetadata } from '../../views/bulk-confirm';
import { buildRefusedModal } from '../../views/outcome';
import { buildProgressModal } from '../../views/progress';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Confirm on the bulk confirmation: checks the submitter again, records the request, then runs it. */
export function bulkConfirmSubmission(services: AppServices) {
  return async ({ ack, body, view, client, logger }: SubmissionArgs): Promise<void> => {
    const requester = {
      requesterId: body.user.id,
      teamId: body.user.team_id ?? body.team?.id ?? null,
      enterpriseId: body.enterprise?.id ?? null,
    };

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
      return;
    }

    // Taken, not read, so a second delivery of the same confirmation cannot start a second run.
    const metadata = readBulkConfirmMetadata(view.private_metadata);
    const pending = metadata === undefined ? undefined : services.bulk.pending.take(metadata.pending_id);
    if (pending === undefined || pending.requesterId !== requester.requesterId) {
      await ack({ response_action: 'update', view: buildExpiredModal(CONFIRMATION_EXPIRED_TEXT) });
      return;
    }

    const record: ResetRecord = {
      correlationId: randomUUID(),
      ...requester,
      userIds: pending.userIds,
      scope: pending.scope,
      reason: pending.reason,
      dryRun: pending.dryRun,
      source: 'modal',
    };
    // Committed before the ack, so a confirmation Slack saw accepted always has a record.
    await beginReset(services.audit, record);
    const total = record.userIds.length;
    await ack({
      response_action: 'update',
      view: buildProgressModal(
        { total, signedOut: 0, queued: 0, failed: 0, remaining: total },
        record.scope,
        record.dryRun,
      ),
    });

    await runAndReport(services, { client, logger, viewId: view.id, record });
  };
}
