import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppServices } from '../services';
import { BULK_CONFIRM_CALLBACK_ID } from '../views/bulk-confirm';
import { RETRY_FAILED_ACTION } from '../views/bulk-outcome';
import { HISTORY_PAGE_ACTION } from '../views/history';
import { RESET_CALLBACK_ID } from '../views/reset-modal';
import { SESSIONS_CALLBACK_ID } from '../views/sessions';
import { SESSION_ACTIONS } from '../views/sessions-actions';
import { type CheckSessionsAction, checkSessionsAction } from './actions/check-sessions';
import { historyPage } from './actions/history-page';
import { invalidateSessionButton } from './actions/invalidate-session';
import { retryFailedButton } from './actions/retry-failed';
import { showSessionsButton } from './actions/show-sessions';
import { resetSessionsCommand } from './commands/reset-sessions';
import { bulkConfirmSubmission } from './views/bulk-confirm-submission';
import { resetSubmission } from './views/reset-submission';
import { sessionListSubmission } from './views/session-list-submission';

export const RESET_COMMAND = '/reset-sessions';

export function registerListeners(app: App, services: AppServices): void {
  app.command(RESET_COMMAND, resetSessionsCommand(services));
  app.view({ callback_id: RESET_CALLBACK_ID, type: 'view_submission' }, resetSubmission(services));
  app.action<BlockButtonAction>(HISTORY_PAGE_ACTION, historyPage(services));
  app.view({ callback_id: SESSIONS_CALLBACK_ID, type: 'view_submission' }, sessionListSubmission(services));
  app.action<BlockButtonAction>(SESSION_ACTIONS.show, showSessionsButton(services));
  app.action<CheckSessionsAction>(SESSION_ACTIONS.check, checkSessionsAction(services));
  app.action<BlockButtonAction>(SESSION_ACTIONS.invalidate, invalidateSessionButton(services));
  app.view(
    { callback_id: BULK_CONFIRM_CALLBACK_ID, type: 'view_submission' },
    bulkConfirmSubmission(services),
  );
  app.action<BlockButtonAction>(RETRY_FAILED_ACTION, retryFailedButton(services));
}
