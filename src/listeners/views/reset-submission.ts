import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { SubmissionLedger } from '../../flows/submission-ledger';
import { submitReset } from '../../flows/submit-reset';
import type { AppServices } from '../../services';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Submit on the reset modal: checks the submitter again, validates, records, resets, then reports per person.
 * A second delivery of the same submission gets the first one's view and resets nobody again.
 */
export function resetSubmission(services: AppServices) {
  const ledger = new SubmissionLedger();

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
      await submitReset(services, args, claim);
    } finally {
      claim.release();
    }
  };
}
