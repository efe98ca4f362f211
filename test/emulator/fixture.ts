import type { Fixture, FixtureSession, FixtureToken, FixtureUser, SessionDevice, SessionKind } from './types';

export const ENTERPRISE_ID = 'E0ORG1';
export const TEAM_ID = 'T0WORK1';
export const SECOND_TEAM_ID = 'T0WORK2';
export const APP_ID = 'A0APP';

export const BOT_TOKEN = 'xoxb-test-bot';
export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
/** User token of `ADMIN_ID` with `admin.users:write` and `admin.users:read`, installed on the whole org. */
export const ADMIN_TOKEN = 'xoxp-test-admin';
/** User token of `MEMBER_ID`, a plain member. */
export const NON_ADMIN_TOKEN = 'xoxp-test-member';
/** User token of `ADMIN_ID` with `admin.users:read` only. */
export const READONLY_ADMIN_TOKEN = 'xoxp-test-readonly-admin';
/** User token of the primary owner, the only caller allowed to reset the primary owner. */
export const OWNER_TOKEN = 'xoxp-test-owner';
/** Admin user token that has been revoked. */
export const REVOKED_TOKEN = 'xoxp-test-revoked';
export const APP_TOKEN = 'xapp-test-app';

export const ADMIN_ID = 'W0ADMIN';
export const ALICE_ID = 'W0ALICE';
export const BOB_ID = 'W0BOB';
export const CAROL_ID = 'W0CAROL';
export const OWNER_ID = 'W0OWNER';
export const BOT_ACCOUNT_ID = 'W0BOTUSER';
export const DELETED_ID = 'W0GONE';
export const MEMBER_ID = 'W0MEMBER';

export const SECOPS_USERGROUP_ID = 'S0SECOPS';
/** Public channel with the bot in it. */
export const GENERAL_CHANNEL_ID = 'C0GENERAL';
/** Private channel without the bot. */
export const PRIVATE_CHANNEL_ID = 'C0PRIVATE';
/** Public channel without the bot. */
export const RANDOM_CHANNEL_ID = 'C0RANDOM';

const ADMIN_SCOPES = ['admin.users:write', 'admin.users:read'];
const BOTH_TEAMS = [TEAM_ID, SECOND_TEAM_ID];

/** Session ids of the default fixture start here, so generated ids never collide with them. */
const FIRST_SESSION_ID = 7_000_000_001;
const FIRST_GENERATED_SESSION_ID = 8_000_000_001;

type UserFlags = Pick<FixtureUser, 'deleted' | 'isBot' | 'isAdmin' | 'isOwner' | 'isPrimaryOwner'>;

function buildUser(
  id: string,
  name: string,
  realName: string,
  teams: string[],
  flags: UserFlags = {},
): FixtureUser {
  return {
    id,
    teamId: teams[0] ?? TEAM_ID,
    teams,
    name,
    realName,
    displayName: name,
    email: `${name}@example.com`,
    ...flags,
  };
}

function buildUsers(): FixtureUser[] {
  return [
    buildUser(ADMIN_ID, 'admin', 'Ada Admin', BOTH_TEAMS, { isAdmin: true }),
    buildUser(ALICE_ID, 'alice', 'Alice Archer', [TEAM_ID]),
    buildUser(BOB_ID, 'bob', 'Bob Baker', [SECOND_TEAM_ID]),
    buildUser(CAROL_ID, 'carol', 'Carol Cooper', BOTH_TEAMS),
    buildUser(OWNER_ID, 'owner', 'Olive Owner', BOTH_TEAMS, {
      isAdmin: true,
      isOwner: true,
      isPrimaryOwner: true,
    }),
    buildUser(BOT_ACCOUNT_ID, 'deploybot', 'Deploy Bot', [TEAM_ID], { isBot: true }),
    buildUser(DELETED_ID, 'gone', 'Gary Gone', [TEAM_ID], { deleted: true }),
    buildUser(MEMBER_ID, 'member', 'Mel Member', [TEAM_ID]),
    buildUser(BOT_USER_ID, 'reset-sessions', 'Reset Sessions', [TEAM_ID], { isBot: true }),
  ];
}

function buildUserToken(token: string, userId: string, scopes: string[], revoked = false): FixtureToken {
  // NOTE: the team_id that auth.test returns for an org-wide token is unconfirmed. The emulator reports
  // the enterprise id.
  return { token, type: 'user', userId, teamId: ENTERPRISE_ID, isEnterpriseInstall: true, scopes, revoked };
}

function buildTokens(): FixtureToken[] {
  // The bot scopes manifest.yml requests. Direct messages go to a user ID with chat:write, so there is no im:write.
  const botScopes = ['commands', 'chat:write', 'users:read', 'users:read.email', 'usergroups:read'];
  return [
    { token: BOT_TOKEN, type: 'bot', userId: BOT_USER_ID, botId: BOT_ID, teamId: TEAM_ID, scopes: botScopes },
    buildUserToken(ADMIN_TOKEN, ADMIN_ID, ADMIN_SCOPES),
    // The member token carries admin scopes (as if its owner lost the admin role after installing),
    // so that calls with it reach the `not_an_admin` check instead of stopping at `missing_scope`.
    buildUserToken(NON_ADMIN_TOKEN, MEMBER_ID, ADMIN_SCOPES),
    buildUserToken(READONLY_ADMIN_TOKEN, ADMIN_ID, ['admin.users:read']),
    buildUserToken(OWNER_TOKEN, OWNER_ID, ADMIN_SCOPES),
    buildUserToken(REVOKED_TOKEN, ADMIN_ID, ADMIN_SCOPES, true),
    { token: APP_TOKEN, type: 'app', userId: BOT_USER_ID, teamId: TEAM_ID, scopes: ['connections:write'] },
  ];
}

/** Returns made-up device details. `index` varies the IP address, so sessions are easy to tell apart. */
export function deviceFor(kind: SessionKind, index: number): SessionDevice {
  const host = (index % 250) + 1;
  if (kind === 'mobile') {
    return {
      device_hardware: 'iPhone',
      os: 'iOS',
      os_version: '17.5',
      slack_client_version: '24.06.10',
      ip: `198.51.100.${host}`,
    };
  }
  return {
    device_hardware: 'Computer',
    os: 'Mac OS X',
    os_version: '14.5',
    slack_client_version: '4.39.95',
    ip: `203.0.113.${host}`,
  };
}

/** Builds one mobile and one web session for each workspace of each user, numbering from `firstId`. */
export function buildSessions(users: FixtureUser[], firstId: number): FixtureSession[] {
  const sessions: FixtureSession[] = [];
  for (const user of users) {
    for (const teamId of user.teams) {
      for (const kind of ['mobile', 'web'] as const) {
        const sessionId = firstId + sessions.length;
        const created = deviceFor(kind, sessions.length);
        const session: FixtureSession = { sessionId, userId: user.id, teamId, kind, created };
        // Every web session has moved to another address since login, so `recent` is present on those.
        if (kind === 'web') session.recent = { ...created, ip: deviceFor(kind, sessions.length + 100).ip };
        sessions.push(session);
      }
    }
  }
  return sessions;
}

/**
 * Builds the default org: enterprise E0ORG1 with workspaces T0WORK1 and T0WORK2, the users above,
 * and one mobile plus one web session per user and workspace (none for bots and deleted users).
 * Each call returns a new object, so callers may change it freely.
 */
export function createDefaultFixture(): Fixture {
  const users = buildUsers();
  const usersWithSessions = users.filter((user) => !user.isBot && !user.deleted);
  return {
    enterprise: { id: ENTERPRISE_ID, name: 'Example Org', domain: 'example-org' },
    teams: [
      { id: TEAM_ID, name: 'Work One', domain: 'work-one' },
      { id: SECOND_TEAM_ID, name: 'Work Two', domain: 'work-two' },
    ],
    users,
    tokens: buildTokens(),
    usergroups: [{ id: SECOPS_USERGROUP_ID, teamId: TEAM_ID, userIds: [ADMIN_ID] }],
    channels: [
      { id: GENERAL_CHANNEL_ID, name: 'general', isPrivate: false, botIsMember: true },
      { id: PRIVATE_CHANNEL_ID, name: 'secops-private', isPrivate: true, botIsMember: false },
      { id: RANDOM_CHANNEL_ID, name: 'random', isPrivate: false, botIsMember: false },
    ],
    sessions: buildSessions(usersWithSessions, FIRST_SESSION_ID),
  };
}

export interface GeneratedUsersOptions {
  /** Workspaces each user belongs to, home workspace first. Defaults to `[TEAM_ID]`. */
  teams?: string[];
  /** Index of the first generated user, so several batches get distinct ids. Defaults to 1. */
  startIndex?: number;
}

/**
 * Builds `count` plain members with ids `W0GEN000001`, `W0GEN000002`, ... and emails `genN@example.com`,
 * each with one mobile and one web session per workspace.
 */
export function generateUsers(
  count: number,
  options: GeneratedUsersOptions = {},
): { users: FixtureUser[]; sessions: FixtureSession[] } {
  const teams = options.teams ?? [TEAM_ID];
  const start = options.startIndex ?? 1;
  const users: FixtureUser[] = [];
  for (let index = start; index < start + count; index += 1) {
    const suffix = String(index).padStart(6, '0');
    users.push(buildUser(`W0GEN${suffix}`, `gen${index}`, `Generated User ${index}`, teams));
  }
  const firstSessionId = FIRST_GENERATED_SESSION_ID + (start - 1) * teams.length * 2;
  return { users, sessions: buildSessions(users, firstSessionId) };
}
