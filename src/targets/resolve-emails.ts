import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { mapWithConcurrency } from '../concurrency';
import { slackErrorCode } from '../slack/error-code';

export interface EmailLookup {
  email: string;
  userId?: string;
  /** Slack error code when the address matched nobody or the look-up failed. */
  error?: string;
}

interface CachedLookup {
  userId: string;
  fetchedAt: number;
}

/** Finds user ids for email addresses with users.lookupByEmail, caching hits so repeated commands stay fast. */
export class EmailResolver {
  private readonly cache = new Map<string, CachedLookup>();

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly cacheTtlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(emails: readonly string[]): Promise<EmailLookup[]> {
    return mapWithConcurrency(emails, 4, (email) => this.lookup(email));
  }

  private async lookup(email: string): Promise<EmailLookup> {
    const cached = this.cache.get(email);
    if (cached !== undefined && this.now() - cached.fetchedAt < this.cacheTtlMs) {
      return { email, userId: cached.userId };
    }

    try {
      const result = await this.client.users.lookupByEmail({ email });
      const userId = result.user?.id;
      if (userId === undefined) {
        return { email, error: 'users_not_found' };
      }
      this.cache.set(email, { userId, fetchedAt: this.now() });
      return { email, userId };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== 'users_not_found') {
        this.logger.warn(JSON.stringify({ event: 'email_lookup_failed', error: code }));
      }
      return { email, error: code };
    }
  }
}
