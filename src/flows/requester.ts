import { randomUUID } from 'node:crypto';
import type { Logger, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { RefusalReason } from '../access/access-policy';
import type { AuditRefusal } from '../audit/audit-store';
import { refusalText } from '../messages/replies';
import type { AppServices } from '../services';
import { buildRefusedModal } from '../views/outcome';

/** The admin who pressed the button, submitted the view or ran the command, recorded with every request. */
export interface Requester {
  requesterId: string;
  teamId: string | null;
  enterpriseId: string | null;
}

/** The identity fields of a block_actions or view_submission body. */
interface InteractionBody {
  user: { id: string; team_id?: string };
  team: { id: string } | null;
  enterprise?: { id: string };
}

/** Reads the requester from an interaction. Its `team` is null when the app is installed on the whole org. */
export function requesterFrom(body: InteractionBody): Requester {
  return {
    requesterId: body.user.id,
    teamId: body.user.team_id ?? body.team?.id ?? null,
    enterpriseId: body.enterprise?.id ?? null,
  };
}

export interface RefuseSubmissionInput {
  ack: SlackViewMiddlewareArgs<ViewSubmitAction>['ack'];
  logger: Logger;
  requester: Requester;
  /** The allowlist's reason for turning the requester away. */
  refusal: RefusalReason;
  /** The people, scope and reason the submission asked for, as far as the view shows them. */
  request: Pick<AuditRefusal, 'targetUserIds' | 'scope' | 'reason'>;
}

/**
 * Turns away a view_submission from a requester the allowlist does not admit: logs it, acks with the
 * "Not allowed" view, and records the refusal in the audit trail.
 */
export async function refuseSubmission(services: AppServices, input: RefuseSubmissionInput): Promise<void> {
  const { ack, logger, requester, refusal } = input;
  logger.warn(
    JSON.stringify({
      event: 'submission_refused',
      user_id: requester.requesterId,
      reason: refusal,
    }),
  );
  await ack({
    response_action: 'update',
    view: buildRefusedModal(refusalText(refusal, requester.requesterId)),
  });
  await services.audit.refuse({
    id: randomUUID(),
    action: 'reset',
    status: 'refused',
    ...requester,
    ...input.request,
    source: 'modal',
    detail: refusal,
    createdAt: new Date(),
  });
}
