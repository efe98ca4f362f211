import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { checkActionAccess } from '../../flows/action-access';
import { historyPageBlocks } from '../../flows/show-history';
import type { AppServices } from '../../services';
import { readHistoryPage } from '../../views/history';

type HistoryPageArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Handles the Newer and Older buttons under a history message by replacing the message with that page. */
export function historyPage(services: AppServices) {
  return async ({ ack, body, action, respond, logger }: HistoryPageArgs): Promise<void> => {
    await ack();

    const page = readHistoryPage(action.value);
    const allowed = await checkActionAccess(services, {
      body,
      respond,
      logger,
      detail: 'history page',
      targetUserIds: page?.targetUserId !== undefined ? [page.targetUserId] : [],
      replaceOriginal: true,
    });
    if (!allowed) {
      return;
    }

    if (page === undefined) {
      logger.warn(JSON.stringify({ event: 'history_page_invalid', user_id: body.user.id }));
      return;
    }

    const blocks = await historyPageBlocks(services, page);
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: 'Reset Sessions history',
      blocks,
    });
  };
}
