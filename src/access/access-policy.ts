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
   * Maximum time one check waits for Slack in total, with every uncached group looked up in parallel. It
   * keeps a slash command within the trigger_id's 3 seconds, and a check that times out is refused like any
   * failed look-up.
   */
  lookupTimeoutMs?: number;
  now?: () => number;
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

    return this.checkUsergroups(userId, [...allowedUsergroupIds]);
  }

  /**
   * Looks up every allowed group at once and allows the requester as soon as one group lists them. When no
   * group does, it refuses once every look-up has finished, or at `lookupTimeoutMs`, whichever comes first.
   * Look-ups still running at that point go on and fill the cache for later checks.
   */
  private checkUsergroups(userId: string, usergroupIds: readonly string[]): Promise<AccessDecision> {
    return new Promise((resolve) => {
      const pending = new Set(usergroupIds);
      let lookupFailed = false;
      let decided = false;

      const decide = (decision: AccessDecision): void => {
        decided = true;
        clearTimeout(deadline);
        resolve(decision);
      };
      const deadline = setTimeout(() => {
        for (const usergroupId of pending) {
          this.logLookupFailure(usergroupId, LOCAL_ERROR_CODES.requestTimeout);
        }
        decide({ allowed: false, reason: 'lookup_failed' });
      }, this.lookupTimeoutMs);

      for (const usergroupId of usergroupIds) {
        this.membersOf(usergroupId)
          .then(
            (members) => {
              if (!decided && members.has(userId)) {
                decide({ allowed: true, via: 'usergroup', usergroupId });
              }
            },
            (error: unknown) => {
              lookupFailed = true;
              if (!decided) {
                this.logLookupFailure(usergroupId, slackErrorCode(error));
              }
            },
          )
          .finally(() => {
            pending.delete(usergroupId);
            if (!decided && pending.size === 0) {
              decide({ allowed: false, reason: lookupFailed ? 'lookup_failed' : 'not_listed' });
            }
          });
      }
    });
  }

  private logLookupFailure(usergroupId: string, error: string): void {
    this.options.logger.error(
      JSON.stringify({ event: 'usergroup_lookup_failed', usergroup_id: usergroupId, error }),
    );
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
   * past `refreshAfterMs`, so checks at least every half TTL wait on Slack only after a failed reload. Otherwise waits for Slack,
   * and the caller applies `lookupTimeoutMs`.
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
    return this.load(usergroupId);
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
