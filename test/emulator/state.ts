import type {
  EmulatorView,
  Fixture,
  FixtureChannel,
  FixtureEnterprise,
  FixtureSession,
  FixtureTeam,
  FixtureToken,
  FixtureUser,
  FixtureUsergroup,
  SessionKind,
} from './types';

export interface TriggerRecord {
  issuedAt: number;
  used: boolean;
}

/**
 * Mutable org data of one emulator run: users, tokens, sessions, views and triggers, with the indexes the
 * methods need. `SlackEmulator.reset()` replaces the whole object with a fresh one built from the fixture.
 */
export class EmulatorState {
  readonly enterprise: FixtureEnterprise;
  readonly teams = new Map<string, FixtureTeam>();
  readonly users = new Map<string, FixtureUser>();
  readonly tokens = new Map<string, FixtureToken>();
  readonly usergroups = new Map<string, FixtureUsergroup>();
  readonly channels = new Map<string, FixtureChannel>();
  readonly sessions = new Map<number, FixtureSession>();
  readonly views = new Map<string, EmulatorView>();
  readonly triggers = new Map<string, TriggerRecord>();
  /** Error codes scripted by `failUser`, keyed by `failureKey(method, userId)`. */
  readonly userFailures = new Map<string, string>();
  /** View ids of the open modal stack, bottom first. */
  modalStack: string[] = [];
  generatedUserCount = 0;
  private maxSessionId = 0;

  private readonly usersByEmail = new Map<string, string>();
  private readonly sessionIdsByUser = new Map<string, Set<number>>();
  private readonly sequences = new Map<string, number>();

  constructor(fixture: Fixture) {
    const copy = structuredClone(fixture);
    this.enterprise = copy.enterprise;
    for (const team of copy.teams) this.teams.set(team.id, team);
    for (const user of copy.users) this.addUser(user);
    for (const token of copy.tokens) this.tokens.set(token.token, token);
    for (const group of copy.usergroups) this.usergroups.set(group.id, group);
    for (const channel of copy.channels) this.channels.set(channel.id, channel);
    for (const session of copy.sessions) this.addSession(session);
  }

  /** Returns 1, 2, 3, ... for each name, so ids stay the same from run to run. */
  nextSequence(name: string): number {
    const next = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, next);
    return next;
  }

  addUser(user: FixtureUser): void {
    this.users.set(user.id, user);
    this.usersByEmail.set(user.email.toLowerCase(), user.id);
  }

  findUserByEmail(email: string): FixtureUser | undefined {
    const id = this.usersByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Stores a session. Throws when the id is already taken, because that is a fixture mistake. */
  addSession(session: FixtureSession): void {
    if (this.sessions.has(session.sessionId)) {
      throw new Error(`Session id ${session.sessionId} is already in use; pick another sessionId.`);
    }
    this.sessions.set(session.sessionId, session);
    this.maxSessionId = Math.max(this.maxSessionId, session.sessionId);
    const ids = this.sessionIdsByUser.get(session.userId) ?? new Set<number>();
    ids.add(session.sessionId);
    this.sessionIdsByUser.set(session.userId, ids);
  }

  /** Returns an id above every session id seen so far, including removed ones. */
  nextFreeSessionId(): number {
    return this.maxSessionId + 1;
  }

  sessionsOf(userId: string): FixtureSession[] {
    const ids = this.sessionIdsByUser.get(userId) ?? new Set<number>();
    const found: FixtureSession[] = [];
    for (const id of ids) {
      const session = this.sessions.get(id);
      if (session !== undefined) found.push(session);
    }
    return found;
  }

  removeSession(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.sessions.delete(sessionId);
    this.sessionIdsByUser.get(session.userId)?.delete(sessionId);
  }

  /** Removes the user's sessions of `kind`, or all of them when `kind` is undefined, and returns how many. */
  removeSessionsOf(userId: string, kind?: SessionKind): number {
    let removed = 0;
    for (const session of this.sessionsOf(userId)) {
      if (kind !== undefined && session.kind !== kind) continue;
      this.removeSession(session.sessionId);
      removed += 1;
    }
    return removed;
  }

  /** Returns the error scripted by `failUser` for this method and user, if any. */
  scriptedFailure(method: string, userId: string): string | undefined {
    return this.userFailures.get(failureKey(method, userId));
  }

  /** Returns the view stored under `external_id`, if any. */
  findViewByExternalId(externalId: string): EmulatorView | undefined {
    for (const view of this.views.values()) {
      if (view.external_id === externalId) return view;
    }
    return undefined;
  }
}

export function failureKey(method: string, userId: string): string {
  return `${method}\n${userId}`;
}
