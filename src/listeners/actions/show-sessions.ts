import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { requesterFrom } from '../../flows/requester';
import { showSessionsOfChosenPerson } from '../../flows/sessions/open-from-view';
import type { AppServices } from '../../services';

type ShowSessionsArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Show sessions" in the reset modal: lists the sessions of the one person chosen there. */
export function showSessionsButton(services: AppServices) {
  return async ({ ack, body, client, logger }: ShowSessionsArgs): Promise<void> => {
    await ack();

    if (body.view === undefined) {
      logger.warn(JSON.stringify({ event: 'show_sessions_without_view', user_id: body.user.id }));
      return;
    }

    await showSessionsOfChosenPerson(services, {
      client,
      logger,
      requester: requesterFrom(body),
      triggerId: body.trigger_id,
      resetView: body.view,
    });
  };
}
