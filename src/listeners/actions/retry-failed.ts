import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { openRetryConfirmation } from '../../flows/bulk-retry';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';

type RetryArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Retry failed" under a result: opens a confirmation for the people that request failed for. */
export function retryFailedButton(services: AppServices) {
  return async ({ ack, body, action, respond, client, logger }: RetryArgs): Promise<void> => {
    await ack();

    const decision = await services.access.check(body.user.id);
    if (!decision.allowed) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: refusalText(decision.reason, body.user.id),
      });
      return;
    }

    const problem = await openRetryConfirmation(services, {
      client,
      logger,
      triggerId: body.trigger_id,
      requesterId: body.user.id,
      correlationId: action.value ?? '',
    });
    if (problem !== undefined) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: problem });
    }
  };
}
