import { InvalidArgumentError, readInteger, readString } from '../args';
import type { FixtureSession } from '../types';
import { failure, type MethodContext, type MethodSpec, success } from './method';

function requireSessionId(context: MethodContext): number {
  const sessionId = readInteger(context.args, 'session_id');
  if (sessionId === undefined) throw new InvalidArgumentError('session_id', 'is required');
  return sessionId;
}

/**
 * Checks that the session belongs to the given user, or to the given team when only the legacy `team_id`
 * identifies it (the enterprise id matches every team).
 */
function belongsTo(
  context: MethodContext,
  session: FixtureSession,
  userId?: string,
  teamId?: string,
): boolean {
  if (userId !== undefined) return session.userId === userId;
  return teamId === context.state.enterprise.id || session.teamId === teamId;
}

export const adminUsersSessionInvalidate: MethodSpec = {
  tokenTypes: ['user'],
  scope: 'admin.users:write',
  adminOnly: true,
  handle(context) {
    const { state } = context;
    const sessionId = requireSessionId(context);
    const userId = readString(context.args, 'user_id');
    const teamId = readString(context.args, 'team_id');
    if (userId === undefined && teamId === undefined) {
      throw new InvalidArgumentError('user_id', 'user_id (or the legacy team_id) is required');
    }
    if (userId !== undefined && !state.users.has(userId)) return failure('user_not_found');

    const session = state.sessions.get(sessionId);
    if (session === undefined || !belongsTo(context, session, userId, teamId)) {
      return failure('session_not_found');
    }
    const scripted = state.scriptedFailure(context.method, session.userId);
    if (scripted !== undefined) return failure(scripted);
    if (state.users.get(session.userId)?.isPrimaryOwner && !context.caller?.isPrimaryOwner) {
      return failure('cannot_invalidate_primary_owner');
    }
    state.removeSession(sessionId);
    return success();
  },
};
