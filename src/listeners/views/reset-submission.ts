import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { findRecordedSubmission } from '../../flows/recorded-submission';
import { type AcceptedSubmission, SubmissionLedger } from '../../flows/submission-ledger';
import { submitReset } from '../../flows/submit-reset';
import type { AppServices } from '../../services';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Submit on the reset modal: checks the submitter again, validates, records, resets, then reports per person.
 * A second delivery of the same submission, even one after a restart, gets the first one's view and resets
 * nobody again.
 */
export function resetSubmission(services: AppServices) {
  const ledger = new SubmissionLedger();

  return async (args: SubmissionArgs): Promise<void> => {
    const claim = await ledger.claim(args.view.id, args.view.hash);
    if (claim.duplicateOf !== undefined) {
      await ackDuplicate(args, claim.duplicateOf);
      return;
    }

    try {
      // The ledger is empty after a restart, so the audit store is asked whether this key already ran.
      const recorded = await findRecordedSubmission(services, claim.key);
      if (recorded !== undefined) {
        claim.accept(recorded);
        await ackDuplicate(args, recorded);
        return;
      }

      await submitReset(services, args, claim);
    } finally {
      claim.release();
    }
  };
}

async function ackDuplicate(
  args: SubmissionArgs,
  { correlationId, view }: AcceptedSubmission,
): Promise<void> {
  args.logger.info(
    JSON.stringify({
      event: 'duplicate_submission',
      view_id: args.view.id,
      correlation_id: correlationId,
    }),
  );
  await args.ack({ response_action: 'update', view });
}
