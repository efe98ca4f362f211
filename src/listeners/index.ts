import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppServices } from '../services';
import { HISTORY_PAGE_ACTION } from '../views/history';
import { RESET_CALLBACK_ID } from '../views/reset-modal';
import { historyPage } from './actions/history-page';
import { resetSessionsCommand } from './commands/reset-sessions';
import { resetSubmission } from './views/reset-submission';

export const RESET_COMMAND = '/reset-sessions';

export function registerListeners(app: App, services: AppServices): void {
  app.command(RESET_COMMAND, resetSessionsCommand(services));
  app.view({ callback_id: RESET_CALLBACK_ID, type: 'view_submission' }, resetSubmission(services));
  app.action<BlockButtonAction>(HISTORY_PAGE_ACTION, historyPage(services));
}
