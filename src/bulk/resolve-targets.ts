import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { mapWithConcurrency } from '../concurrency';
import { slackErrorCode } from '../slack/error-code';
import type { IgnoredEntry, ParsedTargets } from '../targets/parse-command-text';
import type { EmailResolver } from '../targets/resolve-emails';

/** An entry that matched no user or user group in Slack, or whose look-up failed, with the reason in words. */
export interface UnresolvedEntry {
  entry: string;
  reason: string;
}

/** Why a person found in Slack is left out: Slack cannot reset a bot, and a deactivated account has no sessions. */
export type LeftOutReason = 'bot' | 'deactivated';

export interface LeftOutPerson {
  userId: string;
  reason: LeftOutReason;
}

/** Everyone a request names, checked against Slack, before anything runs. */
export interface ResolvedTargets {
  /** The people to reset, each once, in the order they were first named. */
  userIds: string[];
  notFound: UnresolvedEntry[];
  leftOut: LeftOutPerson[];
  /** People who could not be checked with users.info; they stay in `userIds`, and Slack decides on reset. */
  unchecked: UnresolvedEntry[];
  /** Repeats within the text plus people named more than once across ids, emails and groups. */
  duplicateCount: number;
  ignored: IgnoredEntry[];
  usergroups: Array<{ usergroupId: string; memberCount: number }>;
}

export interface TargetResolverOptions {
  /** A bot-token client with users:read, users:read.email and usergroups:read. */
  client: WebClient;
  emails: EmailResolver;
  logger: Logger;
  /** users.info calls in flight at once. */
  concurrency?: number;
}

/**
 * Turns the ids, emails and user groups of a request into the people to reset. User groups are expanded with
 * usergroups.users.list, emails looked up with users.lookupByEmail, and every person checked with users.info.
 */
export class TargetResolver {
  private readonly concurrency: number;

  constructor(private readonly options: TargetResolverOptions) {
    this.concurrency = options.concurrency ?? 8;
  }

  async resolve(targets: ParsedTargets): Promise<ResolvedTargets> {
    const result: ResolvedTargets = {
      userIds: [],
      notFound: [],
      leftOut: [],
      unchecked: [],
      duplicateCount: targets.duplicateCount,
      ignored: [...targets.ignored],
      usergroups: [],
    };
    const candidates = new Set<string>();
    const add = (userId: string): void => {
      if (candidates.has(userId)) {
        result.duplicateCount += 1;
      } else {
        candidates.add(userId);
      }
    };

    targets.userIds.forEach(add);
    await this.expandUsergroups(targets.usergroupIds, result, add);
    await this.lookUpEmails(targets.emails, result, add);
    await this.checkPeople([...candidates], result);
    return result;
  }

  private async expandUsergroups(
    usergroupIds: readonly string[],
    result: ResolvedTargets,
    add: (userId: string) => void,
  ): Promise<void> {
    for (const usergroupId of usergroupIds) {
      try {
        const answer = await this.options.client.usergroups.users.list({ usergroup: usergroupId });
        const members = answer.users ?? [];
        result.usergroups.push({ usergroupId, memberCount: members.length });
        members.forEach(add);
      } catch (error) {
        const code = slackErrorCode(error);
        this.options.logger.warn(
          JSON.stringify({ event: 'usergroup_expand_failed', usergroup_id: usergroupId, error: code }),
        );
        result.notFound.push({
          entry: usergroupId,
          reason:
            code === 'no_such_subteam' ? 'no user group has this ID' : `user group look-up failed (${code})`,
        });
      }
    }
  }

  private async lookUpEmails(
    emails: readonly string[],
    result: ResolvedTargets,
    add: (userId: string) => void,
  ): Promise<void> {
    for (const lookup of await this.options.emails.resolve(emails)) {
      if (lookup.userId !== undefined) {
        add(lookup.userId);
      } else {
        result.notFound.push({
          entry: lookup.email,
          reason:
            lookup.error === 'users_not_found'
              ? 'no one in Slack has this address'
              : `look-up failed (${lookup.error})`,
        });
      }
    }
  }

  // NOTE: this makes one users.info call per person. Slack rate-limits users.info per minute, so checking
  // thousands of people can take minutes against real Slack; the calls wait out any 429 on their own.
  private async checkPeople(userIds: readonly string[], result: ResolvedTargets): Promise<void> {
    const checks = await mapWithConcurrency(userIds, this.concurrency, (userId) => this.checkPerson(userId));

    checks.forEach((check, index) => {
      const userId = userIds[index] ?? '';
      if (check.kind === 'ok') {
        result.userIds.push(userId);
      } else if (check.kind === 'left_out') {
        result.leftOut.push({ userId, reason: check.reason });
      } else if (check.kind === 'not_found') {
        result.notFound.push({ entry: userId, reason: 'no one in Slack has this user ID' });
      } else {
        result.userIds.push(userId);
        result.unchecked.push({ entry: userId, reason: `users.info failed (${check.error})` });
      }
    });
  }

  private async checkPerson(userId: string): Promise<PersonCheck> {
    try {
      const answer = await this.options.client.users.info({ user: userId });
      if (answer.user?.deleted === true) {
        return { kind: 'left_out', reason: 'deactivated' };
      }
      if (answer.user?.is_bot === true) {
        return { kind: 'left_out', reason: 'bot' };
      }
      return { kind: 'ok' };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'user_not_found') {
        return { kind: 'not_found' };
      }
      this.options.logger.warn(JSON.stringify({ event: 'user_check_failed', user_id: userId, error: code }));
      return { kind: 'unchecked', error: code };
    }
  }
}

type PersonCheck =
  | { kind: 'ok' }
  | { kind: 'left_out'; reason: LeftOutReason }
  | { kind: 'not_found' }
  | { kind: 'unchecked'; error: string };
