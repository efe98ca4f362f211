import { randomUUID } from 'node:crypto';
import type { BlockAction, Logger, RespondFn } from '@slack/bolt';
import { refusalText } from '../messages/replies';
import type { AppServices } from '../services';
import { requesterFrom } from './requester';

export interface ActionAccessInput {
  body: BlockAction;
  respond: RespondFn;
  logger: Logger;
  /** Short description of the button's request, recorded after the refusal reason, e.g. `history page`. */
  detail: string;
  /** The people the button would have touched, as far as its value names them. */
  targetUserIds?: readonly string[];
  /** True to replace the message that contains the button with the refusal, false to reply under it. */
  replaceOriginal: boolean;
}

/**
 * Checks the requester who pressed a button against the allowlist, and returns true when they are allowed.
 * A requester who is not allowed is logged, recorded in the audit trail as a refused `reset` whose detail
 * names the button, and sent the refusal as an ephemeral reply.
 */
export async function checkActionAccess(services: AppServices, input: ActionAccessInput): Promise<boolean> {
  const requester = requesterFrom(input.body);
  const decision = await services.access.check(requester.requesterId);
  if (decision.allowed) {
    return true;
  }

  input.logger.warn(
    JSON.stringify({
      event: 'action_refused',
      user_id: requester.requesterId,
      action_id: input.body.actions[0]?.action_id,
      reason: decision.reason,
    }),
  );
  // Recorded before the reply, so a response_url that fails cannot lose the refusal. Button presses are
  // recorded with source `modal`, as the other interactions are, because AuditSource has no value for them.
  await services.audit.refuse({
    id: randomUUID(),
    action: 'reset',
    status: 'refused',
    ...requester,
    targetUserIds: input.targetUserIds ?? [],
    scope: null,
    reason: '',
    source: 'modal',
    detail: `${decision.reason} (${input.detail})`,
    createdAt: new Date(),
  });
  await input.respond({
    response_type: 'ephemeral',
    replace_original: input.replaceOriginal,
    text: refusalText(decision.reason, requester.requesterId),
  });
  return false;
}
