import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PendingReset } from '../bulk/bulk-resets';
import type { ResolvedTargets } from '../bulk/resolve-targets';
import { MAX_LIST_ENTRIES } from '../config';
import { CONFIRMATION_EXPIRED_TEXT, tooManyEntriesText, tooManyPeopleText } from '../messages/bulk';
import type { AppServices } from '../services';
import { type ParsedTargets, parseTargets } from '../targets/parse-command-text';
import {
  type BulkConfirmMetadata,
  buildConfirmModal,
  buildExpiredModal,
  buildRefusedRequestModal,
} from '../views/bulk-confirm';
import type { ResetRequest } from '../views/read-reset-submission';
import type { Requester } from './requester';
import { updateView } from './update-view';

export interface PrepareConfirmationInput {
  client: WebClient;
  logger: Logger;
  /** The modal, already showing "Checking the list", that gets the confirmation. */
  viewId: string;
  requester: Requester;
  request: ResetRequest;
}

/** Whether the form named people beyond the picker, so they must be looked up and confirmed first. */
export function needsConfirmation(request: ResetRequest): boolean {
  return request.listText !== undefined || request.metadata.draft_id !== undefined;
}

/**
 * Merges the picker's people, the pasted list and the slash command's kept entries into one set of targets,
 * or returns the text that explains why they cannot be used.
 */
export function collectTargets(
  services: AppServices,
  request: ResetRequest,
): ParsedTargets | { problem: string } {
  const parts = [parseTargets(request.listText ?? '')];
  if (request.metadata.draft_id !== undefined) {
    const draft = services.bulk.drafts.get(request.metadata.draft_id);
    if (draft === undefined) {
      return { problem: CONFIRMATION_EXPIRED_TEXT };
    }
    parts.push(draft.targets);
  }

  const merged: ParsedTargets = {
    userIds: [...request.userIds],
    emails: [],
    usergroupIds: [],
    ignored: [],
    duplicateCount: 0,
  };
  for (const part of parts) {
    merged.userIds.push(...part.userIds);
    merged.emails.push(...part.emails);
    merged.usergroupIds.push(...part.usergroupIds);
    merged.ignored.push(...part.ignored);
    merged.duplicateCount += part.duplicateCount;
  }

  const entries = merged.userIds.length + merged.emails.length + merged.usergroupIds.length;
  if (entries > MAX_LIST_ENTRIES) {
    return { problem: tooManyEntriesText(entries) };
  }
  return { ...merged, emails: [...new Set(merged.emails)], usergroupIds: [...new Set(merged.usergroupIds)] };
}

/**
 * Looks everyone up, then shows the confirmation with the count and every problem found, or refuses a
 * request over MAX_TARGETS_PER_REQUEST. Nothing is reset here: the confirmation's submit starts the run.
 */
export async function prepareConfirmation(
  services: AppServices,
  input: PrepareConfirmationInput,
): Promise<void> {
  const { client, logger, viewId, requester, request } = input;
  const targets = collectTargets(services, request);
  if ('problem' in targets) {
    await updateView(client, logger, viewId, buildExpiredModal(targets.problem));
    return;
  }

  const resolved = await services.bulk.resolver.resolve(targets);
  const dryRun = services.bulk.settings.dryRun || request.dryRun === true;
  const max = services.bulk.settings.maxTargetsPerRequest;
  logger.info(
    JSON.stringify({
      event: 'bulk_targets_resolved',
      requester_id: requester.requesterId,
      count: resolved.userIds.length,
      not_found: resolved.notFound.length,
      left_out: resolved.leftOut.length,
      duplicates: resolved.duplicateCount,
    }),
  );

  if (resolved.userIds.length > max) {
    await refuseOverLimit(services, input, resolved, max);
    await updateView(
      client,
      logger,
      viewId,
      buildRefusedRequestModal(tooManyPeopleText(resolved.userIds.length, max)),
    );
    return;
  }

  const pending: PendingReset = {
    requesterId: requester.requesterId,
    userIds: resolved.userIds,
    scope: request.scope,
    reason: request.reason,
    dryRun,
  };
  await updateView(client, logger, viewId, confirmationView(services, pending, resolved));
}

/** Keeps the request on the server and builds the confirmation that carries its key. */
export function confirmationView(services: AppServices, pending: PendingReset, resolved: ResolvedTargets) {
  const metadata: BulkConfirmMetadata = { pending_id: services.bulk.pending.put(pending) };
  return buildConfirmModal({
    resolved,
    scope: pending.scope,
    reason: pending.reason,
    dryRun: pending.dryRun,
    plannedCalls: services.bulk.runner.plannedCalls(pending.userIds.length),
    metadata,
  });
}

async function refuseOverLimit(
  services: AppServices,
  input: PrepareConfirmationInput,
  resolved: ResolvedTargets,
  max: number,
): Promise<void> {
  input.logger.warn(
    JSON.stringify({
      event: 'request_over_limit',
      requester_id: input.requester.requesterId,
      count: resolved.userIds.length,
      max_targets_per_request: max,
    }),
  );
  await services.audit.refuse({
    id: randomUUID(),
    action: 'reset',
    status: 'rejected',
    ...input.requester,
    targetUserIds: resolved.userIds,
    scope: input.request.scope,
    reason: input.request.reason,
    source: 'modal',
    detail: `max_targets_exceeded: ${resolved.userIds.length} people, MAX_TARGETS_PER_REQUEST is ${max}`,
    createdAt: new Date(),
  });
}
