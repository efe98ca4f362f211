import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../services';
import type { ResetOutcome } from '../../slack/session-admin';
import { buildSessionsWorkingModal, type SessionsNotice } from '../../views/sessions';
import type { SessionTarget } from '../../views/sessions-actions';
import { sessionSummary } from '../../views/sessions-rows';
import { updateView } from '../update-view';
import { checkSessionsAccess, refreshSessionsView, type SessionsViewInput } from './show-sessions';

export interface InvalidateSessionInput extends Omit<SessionsViewInput, 'userId' | 'notice'> {
  /** The sessions view the button was pressed in. It shows progress, then the refreshed list. */
  viewId: string;
  target: SessionTarget;
}

/**
 * "Sign out this session": checks the requester again, requires a reason, records the request before
 * calling Slack, signs out the one session, records the outcome, then shows the refreshed list.
 */
export async function invalidateSession(services: AppServices, input: InvalidateSessionInput): Promise<void> {
  const { target, requester, logger } = input;
  const viewInput = { ...input, userId: target.userId };

  const detail = `sign-out of session ${target.sessionId}`;
  if (!(await checkSessionsAccess(services, viewInput, 'invalidate', detail))) {
    return;
  }

  if (input.reason === '') {
    await services.audit.refuse({
      id: randomUUID(),
      action: 'invalidate',
      status: 'rejected',
      ...requester,
      targetUserIds: [target.userId],
      scope: null,
      reason: '',
      source: input.source,
      detail: `No reason was given for the ${detail}.`,
      createdAt: new Date(),
    });
    await refreshSessionsView(services, { ...viewInput, notice: { kind: 'reason_missing' } });
    return;
  }

  await updateView(
    input.client,
    logger,
    input.viewId,
    buildSessionsWorkingModal(target.userId, target.sessionId),
  );
  const summary = await findSessionSummary(services, target);
  const correlationId = randomUUID();
  // Committed before the admin call, as for resets, so a sign-out that reached Slack always has a record.
  await services.audit.begin({
    id: correlationId,
    action: 'invalidate',
    ...requester,
    targetUserIds: [target.userId],
    scope: null,
    reason: input.reason,
    dryRun: false,
    source: input.source,
    sessionId: String(target.sessionId),
    sessionSummary: summary,
    createdAt: new Date(),
  });
  logger.info(
    JSON.stringify({
      event: 'invalidate_started',
      correlation_id: correlationId,
      requester_id: requester.requesterId,
      user_id: target.userId,
      session_id: target.sessionId,
    }),
  );

  const outcome = await services.sessions.invalidateSession(target);
  await services.audit.outcome(correlationId, { ...outcome, at: new Date() });
  await services.audit.complete(correlationId);

  await refreshSessionsView(services, { ...viewInput, notice: noticeFor(outcome, summary) });
}

/**
 * Looks the session up on its workspace for the audit record's device summary, because the button
 * carries only ids. A session that is no longer listed is still sent to Slack, and its response is recorded.
 */
async function findSessionSummary(services: AppServices, target: SessionTarget): Promise<string> {
  const [workspace] = await services.sessions.listSessions(target.userId, [target.teamId]);
  const session = workspace?.ok
    ? workspace.sessions.find((candidate) => candidate.sessionId === target.sessionId)
    : undefined;
  return session !== undefined
    ? sessionSummary(session)
    : `session ${target.sessionId}, no longer listed (workspace ${target.teamId})`;
}

function noticeFor(outcome: ResetOutcome, summary: string): SessionsNotice {
  return outcome.ok
    ? { kind: 'signed_out', summary }
    : { kind: 'sign_out_failed', summary, error: outcome.error ?? 'unexpected_error' };
}
