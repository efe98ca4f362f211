import type { ViewOutput } from '@slack/bolt';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { buildRefusedModal } from '../../views/outcome';
import { readSubmittedDraft } from '../../views/read-reset-submission';
import { buildChooseOnePersonModal } from '../../views/sessions';
import {
  placeView,
  recordSessionsRefusal,
  type SessionsPlacement,
  type SessionsViewInput,
  showSessions,
} from './show-sessions';

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
    await askForOnePerson(services, { ...input, placement, targetUserIds: draft.userIds });
    return;
  }

  // showSessions checks access itself before it lists anything.
  await showSessions(services, { ...input, source: 'modal', userId, reason: draft.reason, placement });
}

/**
 * Pushes the "choose exactly one person" view, or the refusal for a requester who is not allowed, which is
 * recorded like a refused list.
 */
async function askForOnePerson(
  services: AppServices,
  input: ButtonInput & { placement: SessionsPlacement; targetUserIds: readonly string[] },
): Promise<void> {
  const { requester, client, logger, placement } = input;
  const decision = await services.access.check(requester.requesterId);
  if (decision.allowed) {
    await placeView(client, logger, placement, buildChooseOnePersonModal(input.targetUserIds.length));
    return;
  }

  await placeView(
    client,
    logger,
    placement,
    buildRefusedModal(refusalText(decision.reason, requester.requesterId)),
  );
  await recordSessionsRefusal(services, { ...input, source: 'modal' }, decision.reason, {
    action: 'reset',
    detail: 'sessions list of the people chosen in the reset form',
  });
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
