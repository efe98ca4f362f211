import type { ActionsBlock, KnownBlock, PlainTextOption } from '@slack/types';

/** Action ids of the session buttons; one listener handles each. */
export const SESSION_ACTIONS = {
  /** "Show sessions" in the reset modal. */
  show: 'show_sessions',
  /** "Check sessions" under a reset outcome: a button for one person, a menu for several. */
  check: 'check_sessions',
  /** "Sign out this session" on a session row. */
  invalidate: 'invalidate_session',
} as const;

/** Ids that name one session; the sign-out button carries them and nothing else. */
export interface SessionTarget {
  sessionId: number;
  userId: string;
  teamId: string;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
/** Slack's static_select accepts at most 100 options. */
const MENU_OPTIONS_MAX = 100;

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID.test(value);
}

export function sessionTargetValue(target: SessionTarget): string {
  return JSON.stringify({ session_id: target.sessionId, user_id: target.userId, team_id: target.teamId });
}

/** Reads a sign-out button's value; returns undefined for anything that is not a value this app made. */
export function readSessionTarget(value: string | undefined): SessionTarget | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }

  const sessionId = 'session_id' in parsed ? parsed.session_id : undefined;
  const userId = 'user_id' in parsed ? parsed.user_id : undefined;
  const teamId = 'team_id' in parsed ? parsed.team_id : undefined;
  if (typeof sessionId !== 'number' || !Number.isSafeInteger(sessionId) || sessionId < 0) {
    return undefined;
  }
  if (!isUserId(userId) || typeof teamId !== 'string' || !TEAM_ID.test(teamId)) {
    return undefined;
  }
  return { sessionId, userId, teamId };
}

/** The reset modal's "Show sessions" button, which lists the sessions of the one person chosen. */
export function showSessionsBlocks(): KnownBlock[] {
  return [
    {
      type: 'actions',
      block_id: 'show_sessions',
      elements: [
        {
          type: 'button',
          action_id: SESSION_ACTIONS.show,
          text: { type: 'plain_text', text: 'Show sessions' },
        },
      ],
    },
    {
      type: 'context',
      block_id: 'show_sessions_hint',
      elements: [
        {
          type: 'mrkdwn',
          text: 'To see where one person is signed in, or to sign out a single session, choose only them and press *Show sessions*.',
        },
      ],
    },
  ];
}

/**
 * "Check sessions" under a reset outcome, so the admin can see what is left: a button for one person,
 * a menu of the people (by user ID, as menus show only plain text) for several.
 */
export function checkSessionsBlock(userIds: readonly string[]): ActionsBlock | undefined {
  const [only] = userIds;
  if (only === undefined) {
    return undefined;
  }

  if (userIds.length === 1) {
    return {
      type: 'actions',
      block_id: 'check_sessions',
      elements: [
        {
          type: 'button',
          action_id: SESSION_ACTIONS.check,
          text: { type: 'plain_text', text: 'Check sessions' },
          value: only,
        },
      ],
    };
  }

  const options: PlainTextOption[] = userIds.slice(0, MENU_OPTIONS_MAX).map((userId) => ({
    text: { type: 'plain_text', text: userId },
    value: userId,
  }));
  return {
    type: 'actions',
    block_id: 'check_sessions',
    elements: [
      {
        type: 'static_select',
        action_id: SESSION_ACTIONS.check,
        placeholder: { type: 'plain_text', text: 'Check sessions of…' },
        options,
      },
    ],
  };
}
