import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { mapWithConcurrency } from '../concurrency';
import { slackErrorCode } from './error-code';
import { type SessionScope, scopeFlags } from './scope';

/** The result of one person's reset: `error` is a Slack error code, or one of `LOCAL_ERROR_CODES`. */
export interface ResetOutcome {
  userId: string;
  ok: boolean;
  error?: string;
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

  private async resetOne(userId: string, scope: SessionScope): Promise<ResetOutcome> {
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
