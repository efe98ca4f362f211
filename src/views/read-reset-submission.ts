import type { ViewOutput } from '@slack/bolt';
import { isSessionScope, type SessionScope } from '../slack/scope';
import {
  MAX_TARGETS_PER_MODAL,
  REASON_MAX_LENGTH,
  RESET_INPUTS,
  type ResetModalMetadata,
} from './reset-modal';

/** A validated reset request, read from the modal's `view_submission` state. */
export interface ResetRequest {
  userIds: string[];
  scope: SessionScope;
  reason: string;
  metadata: ResetModalMetadata;
}

export type SubmissionResult =
  | { ok: true; request: ResetRequest }
  | { ok: false; errors: Record<string, string> };

/** What the form held, before validation; also recorded for refused and rejected submissions. */
export interface SubmittedDraft {
  userIds: string[];
  scope: SessionScope | null;
  reason: string;
}

type SubmittedView = Pick<ViewOutput, 'state' | 'private_metadata'>;

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function readSubmittedDraft(view: SubmittedView): SubmittedDraft {
  const values = view.state.values;
  const selected =
    values[RESET_INPUTS.targets.blockId]?.[RESET_INPUTS.targets.actionId]?.selected_users ?? [];
  const scope = values[RESET_INPUTS.scope.blockId]?.[RESET_INPUTS.scope.actionId]?.selected_option?.value;
  const reason = values[RESET_INPUTS.reason.blockId]?.[RESET_INPUTS.reason.actionId]?.value ?? '';

  return {
    userIds: [...new Set(selected)].filter((id) => USER_ID.test(id)),
    scope: isSessionScope(scope) ? scope : null,
    reason: reason.trim(),
  };
}

/** Validates the submitted form; errors are keyed by the input block they belong to, as Slack expects. */
export function readResetSubmission(view: SubmittedView): SubmissionResult {
  const { userIds, scope, reason } = readSubmittedDraft(view);
  const errors: Record<string, string> = {};

  if (userIds.length === 0) {
    errors[RESET_INPUTS.targets.blockId] = 'Choose at least one person.';
  } else if (userIds.length > MAX_TARGETS_PER_MODAL) {
    errors[RESET_INPUTS.targets.blockId] =
      `Choose at most ${MAX_TARGETS_PER_MODAL} people; you chose ${userIds.length}.`;
  }

  if (scope === null) {
    errors[RESET_INPUTS.scope.blockId] = 'Choose which sessions to end.';
  }

  if (reason === '') {
    errors[RESET_INPUTS.reason.blockId] = 'Give a reason; it is kept in the audit record.';
  } else if (reason.length > REASON_MAX_LENGTH) {
    errors[RESET_INPUTS.reason.blockId] = `Keep the reason within ${REASON_MAX_LENGTH} characters.`;
  }

  if (Object.keys(errors).length > 0 || scope === null) {
    return { ok: false, errors };
  }
  return { ok: true, request: { userIds, scope, reason, metadata: readMetadata(view.private_metadata) } };
}

function readMetadata(privateMetadata: string): ResetModalMetadata {
  try {
    const parsed: unknown = JSON.parse(privateMetadata);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'channel_id' in parsed &&
      typeof parsed.channel_id === 'string'
    ) {
      return { channel_id: parsed.channel_id };
    }
  } catch {
    // Fall through: a modal from an older version or a hand-made payload simply has no channel.
  }
  return { channel_id: '' };
}
