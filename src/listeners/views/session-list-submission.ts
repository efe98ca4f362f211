import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { requesterFrom } from '../../flows/requester';
import { refreshSessionsView } from '../../flows/sessions/show-sessions';
import type { AppServices } from '../../services';
import { buildSessionsLoadingModal, readSessionReason, readSessionsMetadata } from '../../views/sessions';

type SessionListSubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** "Refresh list" on the sessions view: shows "Loading" in the ack, then lists the sessions again. */
export function sessionListSubmission(services: AppServices) {
  return async ({ ack, body, view, client, logger }: SessionListSubmissionArgs): Promise<void> => {
    const userId = readSessionsMetadata(view.private_metadata);
    if (userId === undefined) {
      logger.warn(JSON.stringify({ event: 'session_list_metadata_invalid', user_id: body.user.id }));
      await ack();
      return;
    }

    await ack({ response_action: 'update', view: buildSessionsLoadingModal(userId) });
    await refreshSessionsView(services, {
      client,
      logger,
      requester: requesterFrom(body),
      source: 'modal',
      userId,
      reason: readSessionReason(view),
      viewId: view.id,
    });
  };
}
