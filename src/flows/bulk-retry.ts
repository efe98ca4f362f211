import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AuditRecord } from '../audit/audit-store';
import type { PendingReset } from '../bulk/bulk-resets';
import type { ResolvedTargets } from '../bulk/resolve-targets';
import { RETRY_NOTHING_TEXT, retryReason } from '../messages/bulk';
import { OPEN_MODAL_FAILED_TEXT } from '../messages/replies';
import type { AppServices } from '../services';
import { slackErrorCode } from '../slack/error-code';
import { confirmationView } from './bulk-confirm';

export interface RetryFailedInput {
  client: WebClient;
  logger: Logger;
  triggerId: string;
  requesterId: string;
  /** The audit record whose failed people are tried again. */
  correlationId: string;
}

/**
 * Opens a confirmation for the people a finished request failed for, read from the audit record, so the
 * button works after a restart too. Returns a text for the requester when there is nothing to open.
 */
export async function openRetryConfirmation(
  services: AppServices,
  input: RetryFailedInput,
): Promise<string | undefined> {
  const record = await services.audit.find(input.correlationId);
  const failed = record === undefined ? [] : failedUserIds(record);
  if (record === undefined || failed.length === 0) {
    return RETRY_NOTHING_TEXT;
  }

  const pending: PendingReset = {
    requesterId: input.requesterId,
    userIds: failed,
    scope: record.scope ?? 'all',
    reason: retryReason(record.id, record.reason),
    dryRun: services.bulk.settings.dryRun,
  };
  const resolved: ResolvedTargets = {
    userIds: failed,
    notFound: [],
    leftOut: [],
    unchecked: [],
    duplicateCount: 0,
    ignored: [],
    usergroups: [],
  };

  try {
    await input.client.views.open({
      trigger_id: input.triggerId,
      view: confirmationView(services, pending, resolved),
    });
  } catch (error) {
    input.logger.error(
      JSON.stringify({ event: 'views_open_failed', correlation_id: record.id, error: slackErrorCode(error) }),
    );
    return OPEN_MODAL_FAILED_TEXT;
  }
  return undefined;
}

/** People whose latest outcome in the record is a failure. */
function failedUserIds(record: AuditRecord): string[] {
  const latest = new Map<string, boolean>();
  for (const outcome of record.outcomes) {
    latest.set(outcome.userId, outcome.ok);
  }
  return [...latest].filter(([, ok]) => !ok).map(([userId]) => userId);
}
