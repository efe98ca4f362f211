import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DRY_RUN_FORCED_TEXT } from '../messages/bulk';
import { SCOPE_LABELS, SESSION_SCOPES, type SessionScope } from '../slack/scope';
import { linesToSections } from './mrkdwn';
import { showSessionsBlocks } from './sessions-actions';

export const RESET_CALLBACK_ID = 'reset_sessions';

/** Block and action ids of the modal's inputs; `view_submission` state is read back by these. */
export const RESET_INPUTS = {
  targets: { blockId: 'targets', actionId: 'users' },
  scope: { blockId: 'scope', actionId: 'scope' },
  reason: { blockId: 'reason', actionId: 'reason' },
  /** Pasted emails, user ids and user group ids, for more people than the picker takes. */
  list: { blockId: 'target_list', actionId: 'entries' },
  /** Checkboxes; the only option so far is `DRY_RUN_OPTION`. */
  options: { blockId: 'options', actionId: 'options' },
} as const;

export const DRY_RUN_OPTION = 'dry_run';

/** Slack's limit on a plain_text_input value; longer lists go in the slash command or the command-line tool. */
export const LIST_MAX_LENGTH = 3000;

/** The most people one request of this flow may reset; each gets its own call and its own outcome line. */
export const MAX_TARGETS_PER_MODAL = 100;
export const REASON_MAX_LENGTH = 1000;

/** Ids carried through the modal in `private_metadata` (never names, emails or reasons). */
export interface ResetModalMetadata {
  channel_id: string;
  /** Key of the slash command's entries kept on the server, when there were too many for the picker. */
  draft_id?: string;
}

export interface ResetModalInput {
  userIds: readonly string[];
  /** Lines in mrkdwn, already escaped, about entries that were skipped or are still being looked up. */
  notes: readonly string[];
  metadata: ResetModalMetadata;
  scope?: SessionScope;
  /** True when DRY_RUN=true makes every request a dry run, so the form states that instead of offering the box. */
  dryRunForced?: boolean;
}

/** Builds the confirmation modal the slash command opens. */
export function buildResetModal(input: ResetModalInput): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'warning',
      text: {
        type: 'mrkdwn',
        text:
          ':warning: *Everyone you choose is signed out of Slack right away* on the sessions you pick, ' +
          'and their Slack apps clear local data. They can sign in again unless their account is also ' +
          'deactivated or their password reset. This cannot be undone.',
      },
    },
    targetsInput(input.userIds),
    ...showSessionsBlocks(),
    listInput(),
    scopeInput(input.scope ?? 'all'),
    reasonInput(),
    dryRunBlock(input.dryRunForced ?? false),
  ];

  if (input.notes.length > 0) {
    blocks.push({ type: 'divider', block_id: 'notes_divider' }, ...linesToSections(input.notes, 'notes'));
  }

  return {
    type: 'modal',
    callback_id: RESET_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Reset sessions' },
    submit: { type: 'plain_text', text: 'Reset sessions' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(input.metadata),
    blocks: blocks.slice(0, 100),
  };
}

function targetsInput(userIds: readonly string[]): KnownBlock {
  return {
    type: 'input',
    block_id: RESET_INPUTS.targets.blockId,
    label: { type: 'plain_text', text: 'People to sign out' },
    hint: {
      type: 'plain_text',
      text: `Up to ${MAX_TARGETS_PER_MODAL} people. For more, paste a list below.`,
    },
    // Optional because the list below can name everyone. The submission check requires one or the other.
    optional: true,
    element: {
      type: 'multi_users_select',
      action_id: RESET_INPUTS.targets.actionId,
      placeholder: { type: 'plain_text', text: 'Choose people' },
      max_selected_items: MAX_TARGETS_PER_MODAL,
      ...(userIds.length > 0 ? { initial_users: [...userIds] } : {}),
    },
  };
}

function scopeInput(scope: SessionScope): KnownBlock {
  const options: PlainTextOption[] = SESSION_SCOPES.map((value) => ({
    text: { type: 'plain_text', text: SCOPE_LABELS[value] },
    value,
  }));
  const initial = options.find((option) => option.value === scope);

  return {
    type: 'input',
    block_id: RESET_INPUTS.scope.blockId,
    label: { type: 'plain_text', text: 'Sessions to end' },
    element: {
      type: 'radio_buttons',
      action_id: RESET_INPUTS.scope.actionId,
      options,
      ...(initial !== undefined ? { initial_option: initial } : {}),
    },
  };
}

function reasonInput(): KnownBlock {
  return {
    type: 'input',
    block_id: RESET_INPUTS.reason.blockId,
    label: { type: 'plain_text', text: 'Reason' },
    hint: {
      type: 'plain_text',
      text: 'Kept in the audit record, for example "laptop stolen, ticket SEC-123".',
    },
    element: {
      type: 'plain_text_input',
      action_id: RESET_INPUTS.reason.actionId,
      multiline: true,
      max_length: REASON_MAX_LENGTH,
      placeholder: { type: 'plain_text', text: 'Why are these sessions being reset?' },
    },
  };
}

function listInput(): KnownBlock {
  return {
    type: 'input',
    block_id: RESET_INPUTS.list.blockId,
    optional: true,
    label: { type: 'plain_text', text: 'Or paste people and user groups' },
    hint: {
      type: 'plain_text',
      text:
        'Email addresses, user IDs (U… or W…) and user group IDs (S…), one per line or separated by commas. ' +
        'You see who was found before anyone is signed out.',
    },
    element: {
      type: 'plain_text_input',
      action_id: RESET_INPUTS.list.actionId,
      multiline: true,
      max_length: LIST_MAX_LENGTH,
      placeholder: { type: 'plain_text', text: 'alice@example.com, W0123ABCD, S0456EFGH' },
    },
  };
}

function dryRunBlock(forced: boolean): KnownBlock {
  if (forced) {
    return {
      type: 'context',
      block_id: RESET_INPUTS.options.blockId,
      elements: [{ type: 'mrkdwn', text: DRY_RUN_FORCED_TEXT }],
    };
  }
  return {
    type: 'input',
    block_id: RESET_INPUTS.options.blockId,
    optional: true,
    label: { type: 'plain_text', text: 'Options' },
    element: {
      type: 'checkboxes',
      action_id: RESET_INPUTS.options.actionId,
      options: [
        {
          text: { type: 'plain_text', text: 'Dry run' },
          description: {
            type: 'plain_text',
            text: 'Check and record everything, but sign nobody out and make no admin call.',
          },
          value: DRY_RUN_OPTION,
        },
      ],
    },
  };
}
