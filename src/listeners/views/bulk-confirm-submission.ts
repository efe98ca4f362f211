import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { confirmBulkReset } from '../../flows/confirm-bulk-reset';
import type { AppServices } from '../../services';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Confirm on the bulk confirmation: checks the submitter again, records the request, then runs it. */
export function bulkConfirmSubmission(services: AppServices) {
  return async (args: SubmissionArgs): Promise<void> => {
    await confirmBulkReset(services, args);
  };
}
