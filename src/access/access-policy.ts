import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../slack/error-code';

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
  private readonly now: () => number;

  constructor(private readonly options: AccessPolicyOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
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
            error: slackErrorCode(error),
          }),
        );
      }
    }
    return { allowed: false, reason: lookupFailed ? 'lookup_failed' : 'not_listed' };
  }

  /** Loads every allowed group's members so the first slash command does not wait on Slack. */
  async warm(): Promise<void> {
    await Promise.allSettled([...this.options.allowedUsergroupIds].map((id) => this.membersOf(id)));
  }

  private async membersOf(usergroupId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(usergroupId);
    if (cached !== undefined && this.now() - cached.fetchedAt < this.cacheTtlMs) {
      return cached.members;
    }

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
