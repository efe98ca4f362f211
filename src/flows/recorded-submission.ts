import type { ModalView } from '@slack/types';
import type { AuditRecord } from '../audit/audit-store';
import type { AppServices } from '../services';
import { buildAlreadySubmittedModal, buildOutcomeModal } from '../views/outcome';
import type { AcceptedSubmission } from './submission-ledger';

/**
 * Looks up the run that a view_submission with `submissionKey` started before, for example before a
 * restart emptied the in-memory ledger, and returns it with the view a repeated delivery is acked with.
 */
export async function findRecordedSubmission(
  services: AppServices,
  submissionKey: string,
): Promise<AcceptedSubmission | undefined> {
  const record = await services.audit.findSubmission(submissionKey);
  if (record === undefined) {
    return undefined;
  }
  return { correlationId: record.id, view: recordedView(record) };
}

/** Builds the outcome view of a finished run, or a short notice for a run that was interrupted or is still open. */
function recordedView(record: AuditRecord): ModalView {
  if (record.status !== 'completed' || record.scope === null) {
    return buildAlreadySubmittedModal(record.id);
  }

  return buildOutcomeModal({
    scope: record.scope,
    reason: record.reason,
    outcomes: record.outcomes,
    correlationId: record.id,
    dryRun: record.dryRun,
  });
}
