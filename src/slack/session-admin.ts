import type { Logger } from '@slack/bolt';
import {
  type AdminUsersSessionListResponse,
  WebAPIPlatformError,
  WebClient,
  WebClientEvent,
} from '@slack/web-api';
import { mapWithConcurrency } from '../concurrency';
import { LOCAL_ERROR_CODES, slackErrorCode } from './error-code';
import { type SessionScope, scopeFlags } from './scope';

/** The result of one person's reset: `error` is a Slack error code, or one of `LOCAL_ERROR_CODES`. */
export interface ResetOutcome {
  userId: string;
  ok: boolean;
  error?: string;
  /** True when Slack only queued the reset (admin.users.session.resetBulk), so sessions may still be live. */
  queued?: boolean;
}

export interface SessionAdminOptions {
  adminToken: string;
  slackApiUrl: string;
  logger: Logger;
  /** Parallel reset calls; admin.users.session.reset is Tier 2 (about 20 a minute), so more buys little. */
  concurrency?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Retries after a 429 (waiting `Retry-After`), a 5xx or a network error. */
  retries?: number;
}

/** The only place that calls Slack's `admin.*` methods, always with the org admin's user token. */
export class SessionAdmin {
  private readonly client: WebClient;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private callsStopped = false;

  constructor(options: SessionAdminOptions) {
    this.logger = options.logger;
    this.concurrency = options.concurrency ?? 4;
    // A client of its own, without the per-request `teamId` Bolt's clients carry, so admin calls
    // never inherit a workspace id or the bot token.
    this.client = new WebClient(options.adminToken, {
      slackApiUrl: options.slackApiUrl,
      allowAbsoluteUrls: false,
      logger: options.logger,
      timeout: options.timeoutMs ?? 15_000,
      retryConfig: { retries: options.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    });
  }

  /**
   * Resets each person's sessions; a failure is returned as that person's outcome, never thrown.
   * `onOutcome` runs as each answer arrives, so the audit record is written person by person.
   */
  async resetSessions(
    userIds: readonly string[],
    scope: SessionScope,
    onOutcome?: (outcome: ResetOutcome) => Promise<void>,
  ): Promise<ResetOutcome[]> {
    return mapWithConcurrency(userIds, this.concurrency, async (userId) => {
      const outcome = await this.resetOne(userId, scope);
      await onOutcome?.(outcome);
      return outcome;
    });
  }

  /**
   * Lists a person's active sessions on each workspace, one `admin.users.session.list` call per workspace
   * and page, because Slack accepts `user_id` only together with `team_id`. A failure is returned as that
   * workspace's error code, never thrown.
   */
  async listSessions(userId: string, teamIds: readonly string[]): Promise<WorkspaceSessions[]> {
    return mapWithConcurrency(teamIds, this.concurrency, (teamId) => this.listOnTeam(userId, teamId));
  }

  /** Signs out one session. A failure is returned as the outcome's error code, never thrown. */
  async invalidateSession(session: { sessionId: number; userId: string }): Promise<ResetOutcome> {
    const { sessionId, userId } = session;
    if (this.callsStopped) {
      return { userId, ok: false, error: LOCAL_ERROR_CODES.shuttingDown };
    }
    // Slack documents `session_id` with `user_id` and is retiring the `team_id` form, but @slack/web-api
    // 8.2 types only `team_id`, so the call goes through `apiCall` with the documented arguments.
    const args: InvalidateSessionArguments = { session_id: sessionId, user_id: userId };
    try {
      await this.client.apiCall('admin.users.session.invalidate', args);
      this.logger.info(
        JSON.stringify({ event: 'session_invalidated', user_id: userId, session_id: sessionId, ok: true }),
      );
      return { userId, ok: true };
    } catch (error) {
      const code = slackErrorCode(error);
      this.logger.warn(
        JSON.stringify({
          event: 'session_invalidated',
          user_id: userId,
          session_id: sessionId,
          ok: false,
          error: code,
        }),
      );
      return { userId, ok: false, error: code };
    }
  }

  private async listOnTeam(userId: string, teamId: string): Promise<WorkspaceSessions> {
    const sessions: UserSession[] = [];
    let cursor: string | undefined;

    for (let page = 1; page <= SESSION_LIST_MAX_PAGES; page += 1) {
      try {
        const result = await this.client.admin.users.session.list({
          team_id: teamId,
          user_id: userId,
          limit: SESSION_LIST_PAGE_SIZE,
          ...(cursor !== undefined ? { cursor } : {}),
        });
        sessions.push(...toUserSessions(result.active_sessions ?? [], userId, teamId));
        cursor = result.response_metadata?.next_cursor || undefined;
      } catch (error) {
        const code = slackErrorCode(error);
        // Slack reports an empty list with this error code, and sessions can end between two pages.
        if (code === 'no_active_sessions') {
          return { teamId, ok: true, sessions, complete: true };
        }
        this.logger.warn(
          JSON.stringify({
            event: 'session_list_failed',
            user_id: userId,
            team_id: teamId,
            page,
            error: code,
          }),
        );
        return { teamId, ok: false, error: code };
      }
      if (cursor === undefined) {
        return { teamId, ok: true, sessions, complete: true };
      }
    }

    this.logger.warn(
      JSON.stringify({
        event: 'session_list_truncated',
        user_id: userId,
        team_id: teamId,
        listed: sessions.length,
      }),
    );
    return { teamId, ok: true, sessions, complete: false };
  }

  /**
   * Makes every later reset, bulk reset or invalidation return `shutting_down` without calling Slack. Shutdown calls it when its wait
   * runs out, so no reset can happen after the audit record was closed as interrupted.
   */
  stopNewCalls(): void {
    this.callsStopped = true;
  }

  /**
   * Sends one `admin.users.session.resetBulk` call for 1 to 1,000 people. `ok` means Slack queued the job,
   * not that the sessions are gone. A failure is returned with its error code, never thrown.
   */
  async resetBulk(userIds: readonly string[], scope: SessionScope): Promise<BulkResetAnswer> {
    const [first, ...rest] = userIds;
    if (first === undefined || userIds.length > RESET_BULK_MAX_USERS) {
      throw new RangeError(`resetBulk takes 1 to ${RESET_BULK_MAX_USERS} user ids, got ${userIds.length}.`);
    }
    if (this.callsStopped) {
      return { ok: false, error: LOCAL_ERROR_CODES.shuttingDown };
    }

    try {
      await this.client.admin.users.session.resetBulk({ user_ids: [first, ...rest], ...scopeFlags(scope) });
      this.logger.info(
        JSON.stringify({ event: 'session_reset_bulk', count: userIds.length, scope, ok: true }),
      );
      return { ok: true };
    } catch (error) {
      const code = slackErrorCode(error);
      const failedUserIds = readFailedUserIds(error);
      this.logger.warn(
        JSON.stringify({
          event: 'session_reset_bulk',
          count: userIds.length,
          scope,
          ok: false,
          error: code,
          failed_user_ids: failedUserIds ?? null,
        }),
      );
      return failedUserIds === undefined
        ? { ok: false, error: code }
        : { ok: false, error: code, failedUserIds };
    }
  }

  /** Calls `listener` with the method name and `Retry-After` seconds for each 429 response to an admin call. */
  onRateLimited(listener: (method: string, retryAfterSeconds: number) => void): void {
    this.client.on(WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request: { url: string }) => {
      listener(request.url.split('/').at(-1) ?? request.url, retryAfterSeconds);
    });
  }

  private async resetOne(userId: string, scope: SessionScope): Promise<ResetOutcome> {
    if (this.callsStopped) {
      return { userId, ok: false, error: LOCAL_ERROR_CODES.shuttingDown };
    }
    try {
      await this.client.admin.users.session.reset({ user_id: userId, ...scopeFlags(scope) });
      this.logger.info(JSON.stringify({ event: 'session_reset', user_id: userId, scope, ok: true }));
      return { userId, ok: true };
    } catch (error) {
      const code = slackErrorCode(error);
      this.logger.warn(
        JSON.stringify({ event: 'session_reset', user_id: userId, scope, ok: false, error: code }),
      );
      return { userId, ok: false, error: code };
    }
  }
}

/** Device details of a session, in Slack's field names. Slack may leave any of them out. */
export interface SessionDevice {
  device_hardware?: string;
  os?: string;
  os_version?: string;
  slack_client_version?: string;
  ip?: string;
}

/** One active session from `admin.users.session.list`. */
export interface UserSession {
  sessionId: number;
  userId: string;
  teamId: string;
  /** The device as it was when the session began. */
  created: SessionDevice;
  /** The device as Slack last saw it, left out by Slack when nothing changed since sign-in. */
  recent?: SessionDevice;
}

/**
 * A person's sessions on one workspace, or the error code that listing them returned. `complete` is
 * false when the listing stopped at `SESSION_LIST_MAX_PAGES` pages.
 */
export type WorkspaceSessions =
  | { teamId: string; ok: true; sessions: UserSession[]; complete: boolean }
  | { teamId: string; ok: false; error: string };

/** Slack's maximum page size for admin.users.session.list, because fewer calls suit this Tier 2 method. */
const SESSION_LIST_PAGE_SIZE = 1000;
/** Stops a runaway cursor loop, since 20 pages of 1000 are far more sessions than one person has. */
const SESSION_LIST_MAX_PAGES = 20;

type InvalidateSessionArguments = { session_id: number; user_id: string };

type ListedSession = NonNullable<AdminUsersSessionListResponse['active_sessions']>[number];

/** Keeps the sessions that carry an id, filling in a missing team or user from the request. */
function toUserSessions(listed: readonly ListedSession[], userId: string, teamId: string): UserSession[] {
  const sessions: UserSession[] = [];
  for (const item of listed) {
    if (item.session_id === undefined) {
      continue;
    }
    sessions.push({
      sessionId: item.session_id,
      userId: item.user_id ?? userId,
      teamId: item.team_id ?? teamId,
      created: item.created ?? {},
      ...(item.recent !== undefined ? { recent: item.recent } : {}),
    });
  }
  return sessions;
}

/** Slack's limit on `user_ids` in one admin.users.session.resetBulk call. */
export const RESET_BULK_MAX_USERS = 1000;

/**
 * Slack's response to one resetBulk call. `failedUserIds` is set when the response named the people Slack could
 * not reset (with `failed_for_some_users`), and everyone else in the call was queued.
 */
export type BulkResetAnswer = { ok: true } | { ok: false; error: string; failedUserIds?: string[] };

// NOTE: Slack documents `failed_for_some_users` but not the response field that lists the failed ids.
// `failed_user_ids` is the local emulator's choice; with any other field the ids stay unknown and the
// caller splits the call to find them.
function readFailedUserIds(error: unknown): string[] | undefined {
  if (!(error instanceof WebAPIPlatformError) || !('failed_user_ids' in error.data)) {
    return undefined;
  }
  const listed = error.data.failed_user_ids;
  if (!Array.isArray(listed)) {
    return undefined;
  }
  return listed.filter((id): id is string => typeof id === 'string');
}
