import { InvalidArgumentError, readInteger, readString } from '../args';
import type { EmulatorState } from '../state';
import type { FixtureSession } from '../types';
import { failure, type MethodContext, type MethodSpec, success } from './method';

const MAX_LIMIT = 1000;
const CURSOR_PREFIX = 'session:';

/**
 * Encodes the last session id of a page. The next page starts after that id, so sessions removed between
 * pages do not shift later ones out of the listing.
 */
function encodeCursor(lastSessionId: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastSessionId}`).toString('base64');
}

/** Returns the session id a cursor points after, or undefined when it is not one this emulator issued. */
function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^session:(\d+)$/.exec(text);
  if (match?.[1] === undefined || encodeCursor(Number(match[1])) !== cursor) return undefined;
  return Number(match[1]);
}

function toActiveSession(session: FixtureSession): Record<string, unknown> {
  const item: Record<string, unknown> = {
    user_id: session.userId,
    team_id: session.teamId,
    session_id: session.sessionId,
    created: { ...session.created },
  };
  if (session.recent !== undefined) item.recent = { ...session.recent };
  return item;
}

function isKnownTeam(state: EmulatorState, teamId: string): boolean {
  return state.teams.has(teamId) || teamId === state.enterprise.id;
}

type Candidates = { sessions: FixtureSession[]; error?: undefined } | { sessions?: undefined; error: string };

/** Returns the sessions of one user on one team (the enterprise id means all teams). */
function userSessions(context: MethodContext, teamId: string, userId: string): Candidates {
  const { state } = context;
  if (!isKnownTeam(state, teamId)) return { error: 'team_not_found' };
  const scripted = state.scriptedFailure(context.method, userId);
  if (scripted !== undefined) return { error: scripted };
  const user = state.users.get(userId);
  if (user === undefined) return { error: 'user_not_found' };
  if (user.isBot) return { error: 'bots_not_allowed' };
  const all = state.sessionsOf(userId);
  return {
    sessions: teamId === state.enterprise.id ? all : all.filter((session) => session.teamId === teamId),
  };
}

function readLimit(context: MethodContext): number {
  const limit = readInteger(context.args, 'limit') ?? MAX_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidArgumentError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

export const adminUsersSessionList: MethodSpec = {
  tokenTypes: ['user'],
  scope: 'admin.users:read',
  adminOnly: true,
  handle(context) {
    const teamId = readString(context.args, 'team_id');
    const userId = readString(context.args, 'user_id');
    if (teamId !== undefined && userId === undefined) return failure('missing_user');
    if (userId !== undefined && teamId === undefined) return failure('missing_team');
    const limit = readLimit(context);
    const cursor = readString(context.args, 'cursor');
    const after = cursor === undefined ? 0 : decodeCursor(cursor);
    if (after === undefined) return failure('invalid_cursor');

    const candidates =
      teamId !== undefined && userId !== undefined
        ? userSessions(context, teamId, userId)
        : { sessions: [...context.state.sessions.values()] };
    if (candidates.error !== undefined) return failure(candidates.error);

    const remaining = candidates.sessions
      .filter((session) => session.sessionId > after)
      .sort((left, right) => left.sessionId - right.sessionId);
    // Slack reports an empty first page as an error, not as an empty list.
    if (remaining.length === 0 && cursor === undefined) return failure('no_active_sessions');
    const page = remaining.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = remaining.length > limit && last !== undefined ? encodeCursor(last.sessionId) : '';
    return success({
      active_sessions: page.map(toActiveSession),
      response_metadata: { next_cursor: nextCursor },
    });
  },
};
