import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../slack/error-code';

/** Replaces a view. A failure is only logged, because the admin may already have closed the view. */
export async function updateView(
  client: WebClient,
  logger: Logger,
  viewId: string,
  view: ModalView,
): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    logger.warn(
      JSON.stringify({ event: 'views_update_failed', view_id: viewId, error: slackErrorCode(error) }),
    );
  }
}
