import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from '@slack/bolt';
import { requesterFrom } from '../../flows/requester';
import { checkSessionsAfterReset } from '../../flows/sessions/open-from-view';
import type { AppServices } from '../../services';
import { isUserId } from '../../views/sessions-actions';

/** The button (one person) or the menu (several people) under a reset outcome. */
export type CheckSessionsAction = BlockAction<ButtonAction | StaticSelectAction>;
type CheckSessionsArgs = SlackActionMiddlewareArgs<CheckSessionsAction> & AllMiddlewareArgs;

/** "Check sessions" under a reset outcome, in the modal or the direct message: lists what is left. */
export function checkSessionsAction(services: AppServices) {
  return async ({ ack, body, action, client, logger }: CheckSessionsArgs): Promise<void> => {
    await ack();

    const userId = action.type === 'button' ? action.value : action.selected_option.value;
    if (!isUserId(userId)) {
      logger.warn(JSON.stringify({ event: 'check_sessions_invalid', user_id: body.user.id }));
      return;
    }

    await checkSessionsAfterReset(services, {
      client,
      logger,
      requester: requesterFrom(body),
      triggerId: body.trigger_id,
      userId,
      fromModal: body.view !== undefined,
    });
  };
}
