import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppServices } from '../../services';
import { slackErrorCode } from '../../slack/error-code';
import type { UserSession } from '../../slack/session-admin';
import type { ListingFailure, SessionListing } from '../../views/sessions';
import { sortNewestFirst } from '../../views/sessions-rows';

type Workspaces = { teamIds: string[] } | { failure: ListingFailure };

/**
 * Lists a person's sessions in every workspace of the org they belong to, newest first. Failures are
 * part of the listing, so a workspace that fails never hides the sessions of the others.
 */
export async function loadSessionListing(
  services: AppServices,
  client: WebClient,
  logger: Logger,
  userId: string,
): Promise<SessionListing> {
  const workspaces = await findWorkspaces(client, logger, userId);
  if ('failure' in workspaces) {
    return { userId, sessions: [], workspaceCount: 0, failures: [workspaces.failure], incompleteTeamIds: [] };
  }

  const results = await services.sessions.listSessions(userId, workspaces.teamIds);
  const sessions = new Map<number, UserSession>();
  const failures: ListingFailure[] = [];
  const incompleteTeamIds: string[] = [];
  for (const result of results) {
    if (!result.ok) {
      failures.push({ method: 'admin.users.session.list', error: result.error, teamId: result.teamId });
      continue;
    }
    if (!result.complete) {
      incompleteTeamIds.push(result.teamId);
    }
    for (const session of result.sessions) {
      sessions.set(session.sessionId, session);
    }
  }

  return {
    userId,
    sessions: sortNewestFirst([...sessions.values()]),
    workspaceCount: workspaces.teamIds.length,
    failures,
    incompleteTeamIds,
  };
}

/**
 * Finds the workspaces a person belongs to with `users.info` on the org install: `enterprise_user.teams`,
 * or the home `team_id` for a person outside an Enterprise Grid org.
 */
async function findWorkspaces(client: WebClient, logger: Logger, userId: string): Promise<Workspaces> {
  let user: Awaited<ReturnType<WebClient['users']['info']>>['user'];
  try {
    user = (await client.users.info({ user: userId })).user;
  } catch (error) {
    const code = slackErrorCode(error);
    logger.warn(JSON.stringify({ event: 'user_workspaces_failed', user_id: userId, error: code }));
    return { failure: { method: 'users.info', error: code } };
  }

  // Slack keeps no sessions for bots, so listing them would only return bots_not_allowed per workspace.
  if (user?.is_bot === true) {
    return { failure: { method: 'users.info', error: 'bots_not_allowed' } };
  }
  const teamIds = user?.enterprise_user?.teams ?? (user?.team_id !== undefined ? [user.team_id] : []);
  if (teamIds.length === 0) {
    return { failure: { method: 'users.info', error: 'user_not_found' } };
  }
  return { teamIds: [...new Set(teamIds)] };
}
