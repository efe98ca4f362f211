import { requireString } from '../args';
import type { EmulatorState } from '../state';
import type { FixtureUser } from '../types';
import { failure, type MethodContext, type MethodSpec, success } from './method';

/** Formats a user as `users.info` returns it. `profile.email` needs the `users:read.email` scope. */
export function toSlackUser(
  user: FixtureUser,
  state: EmulatorState,
  includeEmail: boolean,
): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    real_name: user.realName,
    display_name: user.displayName ?? '',
    team: user.teamId,
  };
  if (includeEmail) profile.email = user.email;
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    real_name: user.realName,
    deleted: user.deleted ?? false,
    is_bot: user.isBot ?? false,
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_primary_owner: user.isPrimaryOwner ?? false,
    profile,
    enterprise_user: { id: user.id, enterprise_id: state.enterprise.id, teams: [...user.teams] },
  };
}

function canReadEmail(context: MethodContext): boolean {
  return context.token.scopes.includes('users:read.email');
}

export const authTest: MethodSpec = {
  // App-level tokens get not_allowed_token_type here, as on every other method. Slack's result for them is unconfirmed.
  tokenTypes: ['bot', 'user'],
  handle({ token, caller, state }) {
    const team = state.teams.get(token.teamId);
    const fields: Record<string, unknown> = {
      url:
        team === undefined
          ? `https://${state.enterprise.domain}.enterprise.slack.com/`
          : `https://${team.domain}.slack.com/`,
      team: team?.name ?? state.enterprise.name,
      user: caller?.name ?? '',
      team_id: token.teamId,
      user_id: token.userId,
      enterprise_id: state.enterprise.id,
      is_enterprise_install: token.isEnterpriseInstall ?? false,
    };
    if (token.botId !== undefined) fields.bot_id = token.botId;
    return success(fields);
  },
};

export const usersInfo: MethodSpec = {
  tokenTypes: ['bot', 'user'],
  scope: 'users:read',
  handle(context) {
    const user = context.state.users.get(requireString(context.args, 'user'));
    if (user === undefined) return failure('user_not_found');
    return success({ user: toSlackUser(user, context.state, canReadEmail(context)) });
  },
};

export const usersLookupByEmail: MethodSpec = {
  tokenTypes: ['bot', 'user'],
  scope: 'users:read.email',
  handle(context) {
    const user = context.state.findUserByEmail(requireString(context.args, 'email'));
    if (user === undefined) return failure('users_not_found');
    return success({ user: toSlackUser(user, context.state, true) });
  },
};

export const usergroupsUsersList: MethodSpec = {
  tokenTypes: ['bot'],
  scope: 'usergroups:read',
  handle({ args, state }) {
    const group = state.usergroups.get(requireString(args, 'usergroup'));
    if (group === undefined) return failure('no_such_subteam');
    return success({ users: [...group.userIds] });
  },
};
