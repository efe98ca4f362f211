import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { requesterFrom } from '../../flows/requester';
import { invalidateSession } from '../../flows/sessions/invalidate-session';
import type { AppServices } from '../../services';
import { readSessionReason } from '../../views/sessions';
import { readSessionTarget } from '../../views/sessions-actions';

type InvalidateSessionArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Sign out this session" on a row of the sessions view, pressed after its confirmation dialog. */
export function invalidateSessionButton(services: AppServices) {
  return async ({ ack, body, action, client, logger }: InvalidateSessionArgs): Promise<void> => {
    await ack();

    const target = readSessionTarget(action.value);
    if (body.view === undefined || target === undefined) {
      logger.warn(JSON.stringify({ event: 'invalidate_session_invalid', user_id: body.user.id }));
      return;
    }

    await invalidateSession(services, {
      client,
      logger,
      requester: requesterFrom(body),
      source: 'modal',
      reason: readSessionReason(body.view),
      viewId: body.view.id,
      target,
    });
  };
}
