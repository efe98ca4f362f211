import type { ViewOutput } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import { describeMethodError } from '../messages/error-messages';
import type { UserSession } from '../slack/session-admin';
import { escapeMrkdwn, linesToSections, mentionUser } from './mrkdwn';
import { isUserId } from './sessions-actions';
import { sessionRow } from './sessions-rows';

export const SESSIONS_CALLBACK_ID = 'session_list';

/**
 * Block and action ids of the reason input, by which block_actions and view_submission state is read back.
 */
export const SESSION_REASON_INPUT = { blockId: 'session_reason', actionId: 'reason' } as const;

/** Slack's limit on blocks in one modal. */
export const MAX_VIEW_BLOCKS = 100;
const REASON_MAX_LENGTH = 1000;
const TITLE = 'Active sessions';

/** Ids carried through the sessions view in `private_metadata` (never reasons or device details). */
export interface SessionsMetadata {
  user_id: string;
}

/** A step that could not list sessions: the Slack method, its error code, and the workspace if it had one. */
export interface ListingFailure {
  method: string;
  error: string;
  teamId?: string;
}

/** Everything the sessions view shows about one person. */
export interface SessionListing {
  userId: string;
  /** Newest first. */
  sessions: UserSession[];
  /** How many workspaces were asked. */
  workspaceCount: number;
  failures: ListingFailure[];
  /** Workspaces whose listing stopped before the last page. */
  incompleteTeamIds: string[];
}

/** The result of the admin's last step, shown above the list. */
export type SessionsNotice =
  | { kind: 'signed_out'; summary: string }
  | { kind: 'sign_out_failed'; summary: string; error: string }
  | { kind: 'reason_missing' };

export interface SessionsModalInput {
  listing: SessionListing;
  /** Prefills the reason input, so a refresh keeps what the admin typed. */
  reason: string;
  notice?: SessionsNotice;
}

/**
 * Builds the list of a person's sessions, with a sign-out button on each, in at most `MAX_VIEW_BLOCKS` blocks.
 */
export function buildSessionsModal(input: SessionsModalInput): ModalView {
  const { listing } = input;
  const fixed: KnownBlock[] = [
    headingBlock(listing),
    ...linesToSections([...noticeLines(input.notice), ...failureLines(listing)], 'sessions_notes'),
  ];
  if (listing.sessions.length > 0) {
    fixed.push(reasonInput(input.reason));
  }

  const budget = MAX_VIEW_BLOCKS - fixed.length;
  const shownCount = listing.sessions.length <= budget ? listing.sessions.length : budget - 1;
  const rows = listing.sessions.slice(0, shownCount).map(sessionRow);
  const hidden = listing.sessions.length - rows.length;
  const blocks = hidden > 0 ? [...fixed, ...rows, hiddenSessionsBlock(hidden)] : [...fixed, ...rows];

  return {
    type: 'modal',
    callback_id: SESSIONS_CALLBACK_ID,
    title: { type: 'plain_text', text: TITLE },
    submit: { type: 'plain_text', text: 'Refresh list' },
    close: { type: 'plain_text', text: 'Close' },
    private_metadata: sessionsMetadata(listing.userId),
    blocks,
  };
}

/** Opened or pushed at once with the trigger_id, and replaced when the list arrives. */
export function buildSessionsLoadingModal(userId?: string): ModalView {
  const owner = userId !== undefined ? ` of ${mentionUser(userId)}` : '';
  return buildSessionsStatusModal(`:hourglass_flowing_sand: Loading the active sessions${owner}…`);
}

/** Replaces the list while one session is signed out, so the button cannot be pressed twice. */
export function buildSessionsWorkingModal(userId: string, sessionId: number): ModalView {
  return buildSessionsStatusModal(
    `:hourglass_flowing_sand: Signing out session \`${sessionId}\` of ${mentionUser(userId)}…`,
  );
}

/**
 * Builds a sessions view with one line of mrkdwn and no list, for progress or for the reason there is no list.
 */
export function buildSessionsStatusModal(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TITLE },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', block_id: 'sessions_status', text: { type: 'mrkdwn', text } }],
  };
}

/** Shown when "Show sessions" is pressed with no person, or several, chosen in the reset form. */
export function buildChooseOnePersonModal(chosenCount: number): ModalView {
  const chosen = chosenCount === 0 ? 'nobody is chosen yet' : `${chosenCount} people are chosen`;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TITLE },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      {
        type: 'section',
        block_id: 'choose_one',
        text: {
          type: 'mrkdwn',
          text: `Sessions are listed for one person at a time, and ${chosen}. Go back, leave exactly one person in *People to sign out*, and press *Show sessions* again.`,
        },
      },
    ],
  };
}

type ViewState = Pick<ViewOutput, 'state'>;

/** Reads the reason typed in the sessions view, trimmed, or an empty string when none was typed. */
export function readSessionReason(view: ViewState | undefined): string {
  const input = view?.state.values[SESSION_REASON_INPUT.blockId]?.[SESSION_REASON_INPUT.actionId];
  return (input?.value ?? '').trim().slice(0, REASON_MAX_LENGTH);
}

/** Returns the person a sessions view lists, or undefined for a view this app did not make. */
export function readSessionsMetadata(privateMetadata: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(privateMetadata ?? '');
    if (typeof parsed === 'object' && parsed !== null && 'user_id' in parsed && isUserId(parsed.user_id)) {
      return parsed.user_id;
    }
  } catch {
    // Not JSON: the view was not made by this app.
  }
  return undefined;
}

function sessionsMetadata(userId: string): string {
  const metadata: SessionsMetadata = { user_id: userId };
  return JSON.stringify(metadata);
}

function headingBlock(listing: SessionListing): KnownBlock {
  const person = mentionUser(listing.userId);
  const count = listing.sessions.length;
  const workspaces = `${listing.workspaceCount} ${listing.workspaceCount === 1 ? 'workspace' : 'workspaces'} checked`;
  let text: string;
  if (count > 0) {
    text = `*${person} has ${count} active ${count === 1 ? 'session' : 'sessions'}*, newest first (${workspaces}).`;
  } else if (listing.failures.length === 0) {
    text = `:white_check_mark: *${person} has no active sessions* (${workspaces}).`;
  } else {
    text = `*No sessions of ${person} could be listed* (${workspaces}).`;
  }
  return { type: 'section', block_id: 'sessions_heading', text: { type: 'mrkdwn', text } };
}

function noticeLines(notice: SessionsNotice | undefined): string[] {
  if (notice === undefined) {
    return [];
  }
  if (notice.kind === 'signed_out') {
    return [
      `:white_check_mark: Signed out the session on ${escapeMrkdwn(notice.summary)}. The list below is current.`,
    ];
  }
  if (notice.kind === 'sign_out_failed') {
    const explanation = describeMethodError('admin.users.session.invalidate', notice.error);
    return [
      `:x: The session on ${escapeMrkdwn(notice.summary)} was not signed out. ${explanation} (\`${notice.error}\`)`,
    ];
  }
  return [
    ':warning: Type a reason before you sign out a session; it is kept in the audit record. Nothing was signed out.',
  ];
}

function failureLines(listing: SessionListing): string[] {
  const lines = listing.failures.map((failure) => {
    const where =
      failure.teamId !== undefined
        ? `in workspace \`${failure.teamId}\``
        : `because the workspaces of ${mentionUser(listing.userId)} could not be found`;
    return `:warning: Sessions could not be listed ${where}. ${describeMethodError(failure.method, failure.error)} (\`${failure.error}\`)`;
  });
  for (const teamId of listing.incompleteTeamIds) {
    lines.push(
      `:warning: Workspace \`${teamId}\` has more sessions than the app lists, so the count is a minimum.`,
    );
  }
  return lines;
}

function reasonInput(reason: string): KnownBlock {
  return {
    type: 'input',
    block_id: SESSION_REASON_INPUT.blockId,
    optional: true,
    label: { type: 'plain_text', text: 'Reason for signing out a session' },
    hint: {
      type: 'plain_text',
      text: 'Needed before you press Sign out this session. It is kept in the audit record.',
    },
    element: {
      type: 'plain_text_input',
      action_id: SESSION_REASON_INPUT.actionId,
      max_length: REASON_MAX_LENGTH,
      placeholder: { type: 'plain_text', text: 'For example "phone reported stolen, ticket SEC-123"' },
      ...(reason !== '' ? { initial_value: reason } : {}),
    },
  };
}

function hiddenSessionsBlock(hidden: number): KnownBlock {
  const sessions = hidden === 1 ? '1 older session is' : `${hidden} older sessions are`;
  return {
    type: 'context',
    block_id: 'sessions_hidden',
    elements: [
      {
        type: 'mrkdwn',
        text: `${sessions} not shown, because a Slack view holds at most ${MAX_VIEW_BLOCKS} blocks. Sign out newer ones and press *Refresh list*, or reset all of this person's sessions from the reset form.`,
      },
    ],
  };
}
