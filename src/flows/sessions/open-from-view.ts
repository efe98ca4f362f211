import type { ViewOutput } from '@slack/bolt';
import type { AppServices } from '../../services';
import { readSubmittedDraft } from '../../views/read-reset-submission';
import { buildChooseOnePersonModal } from '../../views/sessions';
import { placeView, type SessionsViewInput, showSessions } from './show-sessions';

type ButtonInput = Omit<SessionsViewInput, 'userId' | 'reason' | 'source'> & { triggerId: string };

/**
 * "Show sessions" in the reset modal: pushes the sessions view of the one person chosen in the form,
 * prefilled with the reason typed there. The form's current values arrive in the click's view state.
 */
export async function showSessionsOfChosenPerson(
  services: AppServices,
  input: ButtonInput & { resetView: ViewOutput },
): Promise<void> {
  const draft = readSubmittedDraft(input.resetView);
  const placement = { kind: 'push', triggerId: input.triggerId } as const;
  const [userId] = draft.userIds;
  if (userId === undefined || draft.userIds.length > 1) {
    await placeView(input.client, input.logger, placement, buildChooseOnePersonModal(draft.userIds.length));
    return;
  }

  await showSessions(services, { ...input, source: 'modal', userId, reason: draft.reason, placement });
}

/**
 * "Check sessions" under a reset outcome: pushes the sessions view on the outcome modal, or opens it
 * from the outcome's direct message, where there is no modal to push on.
 */
export async function checkSessionsAfterReset(
  services: AppServices,
  input: ButtonInput & { userId: string; fromModal: boolean },
): Promise<void> {
  await showSessions(services, {
    ...input,
    source: 'modal',
    reason: '',
    placement: { kind: input.fromModal ? 'push' : 'open', triggerId: input.triggerId },
  });
}
