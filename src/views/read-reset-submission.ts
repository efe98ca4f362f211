import type { ViewOutput } from '@slack/bolt';
import { isSessionScope, type SessionScope } from '../slack/scope';
import {
  DRY_RUN_OPTION,
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
  /** The pasted list with surrounding whitespace removed; absent when the box was empty. */
  listText?: string;
  /** Present (true) when the requester ticked "Dry run". */
  dryRun?: true;
}

export type SubmissionResult =
  | { ok: true; request: ResetRequest }
  | { ok: false; errors: Record<string, string> };

/** The form's values before validation, also recorded for refused and rejected submissions. */
export interface SubmittedDraft {
  userIds: string[];
  scope: SessionScope | null;
  reason: string;
  /** The pasted list, or '' when the box was empty. */
  listText: string;
  dryRun: boolean;
}

type SubmittedView = Pick<ViewOutput, 'state' | 'private_metadata'>;

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function readSubmittedDraft(view: SubmittedView): SubmittedDraft {
  const values = view.state.values;
  const selected =
    values[RESET_INPUTS.targets.blockId]?.[RESET_INPUTS.targets.actionId]?.selected_users ?? [];
  const scope = values[RESET_INPUTS.scope.blockId]?.[RESET_INPUTS.scope.actionId]?.selected_option?.value;
  const reason = values[RESET_INPUTS.reason.blockId]?.[RESET_INPUTS.reason.actionId]?.value ?? '';
  const listText = values[RESET_INPUTS.list.blockId]?.[RESET_INPUTS.list.actionId]?.value ?? '';
  const options =
    values[RESET_INPUTS.options.blockId]?.[RESET_INPUTS.options.actionId]?.selected_options ?? [];

  return {
    userIds: [...new Set(selected)].filter((id) => USER_ID.test(id)),
    scope: isSessionScope(scope) ? scope : null,
    reason: reason.trim(),
    listText: listText.trim(),
    dryRun: options.some((option) => option.value === DRY_RUN_OPTION),
  };
}

/** Validates the submitted form; errors are keyed by the input block they belong to, as Slack expects. */
export function readResetSubmission(view: SubmittedView): SubmissionResult {
  const { userIds, scope, reason, listText, dryRun } = readSubmittedDraft(view);
  const metadata = readMetadata(view.private_metadata);
  const errors: Record<string, string> = {};

  if (userIds.length === 0 && listText === '' && metadata.draft_id === undefined) {
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
  const request: ResetRequest = { userIds, scope, reason, metadata };
  if (listText !== '') {
    request.listText = listText;
  }
  if (dryRun) {
    request.dryRun = true;
  }
  return { ok: true, request };
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
      const draftId =
        'draft_id' in parsed && typeof parsed.draft_id === 'string' ? parsed.draft_id : undefined;
      return draftId === undefined
        ? { channel_id: parsed.channel_id }
        : { channel_id: parsed.channel_id, draft_id: draftId };
    }
  } catch {
    // Fall through: a modal from an older version or a hand-made payload simply has no channel.
  }
  return { channel_id: '' };
}
