import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { beginReset, type ResetRecord } from '../bulk/bulk-resets';
import { CONFIRMATION_EXPIRED_TEXT } from '../messages/bulk';
import type { AppServices } from '../services';
import { buildExpiredModal, readBulkConfirmMetadata } from '../views/bulk-confirm';
import { buildProgressModal } from '../views/progress';
import { runAndReport } from './bulk-run';
import { refuseSubmission, requesterFrom } from './requester';

/** The parts of Bolt's view_submission arguments that a submission of the bulk confirmation uses. */
export type BulkConfirmInput = Pick<
  SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  'ack' | 'body' | 'view' | 'client' | 'logger'
>;

/** Checks the submitter again, takes the pending request, records it, then runs it with progress. */
export async function confirmBulkReset(services: AppServices, input: BulkConfirmInput): Promise<void> {
  const { ack, body, view, client, logger } = input;
  const requester = requesterFrom(body);
  const metadata = readBulkConfirmMetadata(view.private_metadata);

  const decision = await services.access.check(requester.requesterId);
  if (!decision.allowed) {
    // Read, not taken, so the refusal records what was requested without using up the confirmation.
    const requested = metadata === undefined ? undefined : services.bulk.pending.get(metadata.pending_id);
    await refuseSubmission(services, {
      ack,
      logger,
      requester,
      refusal: decision.reason,
      request: {
        targetUserIds: requested?.userIds ?? [],
        scope: requested?.scope ?? null,
        reason: requested?.reason ?? '',
      },
    });
    return;
  }

  // Taken, not read, so a second delivery of the same confirmation cannot start a second run.
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
}
