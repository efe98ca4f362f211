import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { LOCAL_ERROR_CODES, slackErrorCode } from '../slack/error-code';

/** Why a requester was refused: not on either list, no list configured, or membership could not be checked. */
export type RefusalReason = 'not_listed' | 'no_allowlist' | 'lookup_failed';

export type AccessDecision =
  | { allowed: true; via: 'user_id' }
  | { allowed: true; via: 'usergroup'; usergroupId: string }
  | { allowed: false; reason: RefusalReason };

export interface AccessPolicyOptions {
  allowedUserIds: ReadonlySet<string>;
  allowedUsergroupIds: ReadonlySet<string>;
  /** A bot-token client with the usergroups:read scope. */
  client: WebClient;
  logger: Logger;
  /** How long a user group's member list is trusted; removals from a group take effect within this time. */
  cacheTtlMs?: number;
  /** Age after which a check still uses the cached list but reloads it in the background; half the TTL by default. */
  refreshAfterMs?: number;
  /**
   * Maximum time a check waits for Slack when no usable list is cached. It keeps a slash command within the
   * trigger_id's 3 seconds, and a check that times out is refused like any failed look-up.
   */
  lookupTimeoutMs?: number;
  now?: () => number;
}

/** Raised when a user group look-up takes longer than `lookupTimeoutMs`; the look-up itself goes on. */
class LookupTimeoutError extends Error {
  constructor(usergroupId: string, timeoutMs: number) {
    super(`usergroups.users.list for ${usergroupId} took longer than ${timeoutMs} ms.`);
    this.name = 'LookupTimeoutError';
  }
}

interface CachedMembers {
  members: ReadonlySet<string>;
  fetchedAt: number;
}

/** Decides who may reset sessions. It fails closed: a membership look-up that fails refuses the requester. */
export class AccessPolicy {
  private readonly cache = new Map<string, CachedMembers>();
  private readonly inFlight = new Map<string, Promise<ReadonlySet<string>>>();
  private readonly cacheTtlMs: number;
  private readonly refreshAfterMs: number;
  private readonly lookupTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AccessPolicyOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
    this.refreshAfterMs = options.refreshAfterMs ?? this.cacheTtlMs / 2;
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? 1_500;
    this.now = options.now ?? Date.now;
  }

  async check(userId: string): Promise<AccessDecision> {
    const { allowedUserIds, allowedUsergroupIds } = this.options;
    if (allowedUserIds.has(userId)) {
      return { allowed: true, via: 'user_id' };
    }
    if (allowedUsergroupIds.size === 0) {
      return { allowed: false, reason: allowedUserIds.size === 0 ? 'no_allowlist' : 'not_listed' };
    }

    let lookupFailed = false;
    for (const usergroupId of allowedUsergroupIds) {
      try {
        const members = await this.membersOf(usergroupId);
        if (members.has(userId)) {
          return { allowed: true, via: 'usergroup', usergroupId };
        }
      } catch (error) {
        lookupFailed = true;
        this.options.logger.error(
          JSON.stringify({
            event: 'usergroup_lookup_failed',
            usergroup_id: usergroupId,
            error:
              error instanceof LookupTimeoutError ? LOCAL_ERROR_CODES.requestTimeout : slackErrorCode(error),
          }),
        );
      }
    }
    return { allowed: false, reason: lookupFailed ? 'lookup_failed' : 'not_listed' };
  }

  /**
   * Loads every allowed group's members so the first slash command does not wait on Slack. Called once at
   * start-up, it also warns when both allowlists are empty, because then every requester is refused.
   */
  async warm(): Promise<void> {
    const { allowedUserIds, allowedUsergroupIds, logger } = this.options;
    if (allowedUserIds.size === 0 && allowedUsergroupIds.size === 0) {
      logger.warn(
        JSON.stringify({
          event: 'allowlist_empty',
          message:
            'ALLOWED_USER_IDS and ALLOWED_USERGROUP_IDS are both empty, so nobody may reset sessions. ' +
            'Set one of them and restart the app.',
        }),
      );
    }
    await Promise.allSettled([...this.options.allowedUsergroupIds].map((id) => this.membersOf(id)));
  }

  /**
   * Returns a cached list while it is younger than the TTL, reloading it in the background once it is
   * past `refreshAfterMs`, so checks at least every half TTL wait on Slack only after a failed reload. Otherwise waits for Slack, up to
   * `lookupTimeoutMs`.
   */
  private async membersOf(usergroupId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(usergroupId);
    const age = cached === undefined ? Number.POSITIVE_INFINITY : this.now() - cached.fetchedAt;
    if (cached !== undefined && age < this.cacheTtlMs) {
      if (age >= this.refreshAfterMs) {
        this.refreshInBackground(usergroupId);
      }
      return cached.members;
    }
    return this.withinLookupTimeout(this.load(usergroupId), usergroupId);
  }

  private refreshInBackground(usergroupId: string): void {
    this.load(usergroupId).catch((error: unknown) => {
      this.options.logger.warn(
        JSON.stringify({
          event: 'usergroup_refresh_failed',
          usergroup_id: usergroupId,
          error: slackErrorCode(error),
        }),
      );
    });
  }

  private async withinLookupTimeout(
    lookup: Promise<ReadonlySet<string>>,
    usergroupId: string,
  ): Promise<ReadonlySet<string>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new LookupTimeoutError(usergroupId, this.lookupTimeoutMs)),
        this.lookupTimeoutMs,
      );
    });
    try {
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fetches the list, sharing one request among every caller that asks while it runs. */
  private load(usergroupId: string): Promise<ReadonlySet<string>> {
    const pending = this.inFlight.get(usergroupId);
    if (pending !== undefined) {
      return pending;
    }

    const request = this.fetchMembers(usergroupId).finally(() => this.inFlight.delete(usergroupId));
    this.inFlight.set(usergroupId, request);
    return request;
  }

  private async fetchMembers(usergroupId: string): Promise<ReadonlySet<string>> {
    const result = await this.options.client.usergroups.users.list({ usergroup: usergroupId });
    const members = new Set(result.users ?? []);
    this.cache.set(usergroupId, { members, fetchedAt: this.now() });
    return members;
  }
}
