import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { checkActionAccess } from '../../flows/action-access';
import { openRetryConfirmation } from '../../flows/bulk-retry';
import type { AppServices } from '../../services';

type RetryArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Retry failed" under a result: opens a confirmation for the people that request failed for. */
export function retryFailedButton(services: AppServices) {
  return async ({ ack, body, action, respond, client, logger }: RetryArgs): Promise<void> => {
    await ack();

    const correlationId = action.value ?? '';
    const allowed = await checkActionAccess(services, {
      body,
      respond,
      logger,
      detail: `retry of failures from ${correlationId}`,
      replaceOriginal: false,
    });
    if (!allowed) {
      return;
    }

    const problem = await openRetryConfirmation(services, {
      client,
      logger,
      triggerId: body.trigger_id,
      requesterId: body.user.id,
      correlationId,
    });
    if (problem !== undefined) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: problem });
    }
  };
}
