import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { RefusalReason } from '../../access/access-policy';
import type { AuditAction, AuditSource } from '../../audit/audit-store';
import { refusalText } from '../../messages/replies';
import type { AppServices } from '../../services';
import { slackErrorCode } from '../../slack/error-code';
import { buildRefusedModal } from '../../views/outcome';
import { buildSessionsLoadingModal, buildSessionsModal, type SessionsNotice } from '../../views/sessions';
import type { Requester } from '../requester';
import { updateView } from '../update-view';
import { loadSessionListing } from './list-sessions';

/** Placement of the sessions view: a new modal, a view pushed on the current modal, or an existing view. */
export type SessionsPlacement =
  | { kind: 'open'; triggerId: string }
  | { kind: 'push'; triggerId: string }
  | { kind: 'update'; viewId: string };

export interface SessionsViewInput {
  client: WebClient;
  logger: Logger;
  requester: Requester;
  source: AuditSource;
  /** The person whose sessions are listed. */
  userId: string;
  /** Prefills the reason input. */
  reason: string;
  notice?: SessionsNotice;
}

/**
 * Shows a "Loading" view at once, because the trigger_id expires about 3 seconds after the click, then
 * replaces it with the list. Returns the view id, or undefined when Slack did not accept the view.
 */
export async function showSessions(
  services: AppServices,
  input: SessionsViewInput & { placement: SessionsPlacement },
): Promise<string | undefined> {
  const viewId = await placeView(
    input.client,
    input.logger,
    input.placement,
    buildSessionsLoadingModal(input.userId),
  );
  if (viewId === undefined) {
    return undefined;
  }
  await refreshSessionsView(services, { ...input, viewId });
  return viewId;
}

/** Checks the requester again, lists the sessions, and replaces view `viewId` with the list. */
export async function refreshSessionsView(
  services: AppServices,
  input: SessionsViewInput & { viewId: string },
): Promise<void> {
  // TODO: AuditAction has no value for a read-only list, so a refused list is recorded as a refused `reset`
  // whose detail names the list, as `/reset-sessions history` refusals are.
  const allowed = await checkSessionsAccess(services, input, 'reset', `sessions list of ${input.userId}`);
  if (!allowed) {
    return;
  }

  const listing = await loadSessionListing(services, input.client, input.logger, input.userId);
  input.logger.info(
    JSON.stringify({
      event: 'sessions_listed',
      requester_id: input.requester.requesterId,
      user_id: input.userId,
      sessions: listing.sessions.length,
      failed_workspaces: listing.failures.length,
      view_id: input.viewId,
    }),
  );
  const view = buildSessionsModal({
    listing,
    reason: input.reason,
    ...(input.notice !== undefined ? { notice: input.notice } : {}),
  });
  await updateView(input.client, input.logger, input.viewId, view);
}

/**
 * Checks the requester against the allowlist. View `viewId` is replaced by the refusal for a requester who
 * is not allowed, and the refusal is recorded with `action` and `detail`.
 */
export async function checkSessionsAccess(
  services: AppServices,
  input: Omit<SessionsViewInput, 'reason'> & { viewId: string },
  action: AuditAction,
  detail: string,
): Promise<boolean> {
  const { requester } = input;
  const decision = await services.access.check(requester.requesterId);
  if (decision.allowed) {
    return true;
  }

  await updateView(
    input.client,
    input.logger,
    input.viewId,
    buildRefusedModal(refusalText(decision.reason, requester.requesterId)),
  );
  await recordSessionsRefusal(services, { ...input, targetUserIds: [input.userId] }, decision.reason, {
    action,
    detail,
  });
  return false;
}

export interface SessionsRefusalInput {
  logger: Logger;
  requester: Requester;
  source: AuditSource;
  /** The people the refused request named; empty when the form named nobody. */
  targetUserIds: readonly string[];
}

/** Logs a refused sessions request and records it as `action`, with `detail` after the refusal reason. */
export async function recordSessionsRefusal(
  services: AppServices,
  input: SessionsRefusalInput,
  reason: RefusalReason,
  { action, detail }: { action: AuditAction; detail: string },
): Promise<void> {
  const { requester } = input;
  input.logger.warn(
    JSON.stringify({
      event: 'sessions_refused',
      user_id: requester.requesterId,
      target_user_ids: input.targetUserIds,
      reason,
    }),
  );
  await services.audit.refuse({
    id: randomUUID(),
    action,
    status: 'refused',
    ...requester,
    targetUserIds: input.targetUserIds,
    scope: null,
    reason: '',
    source: input.source,
    detail: `${reason} (${detail})`,
    createdAt: new Date(),
  });
}

/**
 * Opens, pushes or updates a view per `placement` and returns its id, or undefined when Slack rejected it.
 */
export async function placeView(
  client: WebClient,
  logger: Logger,
  placement: SessionsPlacement,
  view: ModalView,
): Promise<string | undefined> {
  try {
    if (placement.kind === 'update') {
      await client.views.update({ view_id: placement.viewId, view });
      return placement.viewId;
    }
    const result =
      placement.kind === 'open'
        ? await client.views.open({ trigger_id: placement.triggerId, view })
        : await client.views.push({ trigger_id: placement.triggerId, view });
    return result.view?.id;
  } catch (error) {
    logger.error(JSON.stringify({ event: `views_${placement.kind}_failed`, error: slackErrorCode(error) }));
    return undefined;
  }
}
