import type { Logger } from '@slack/bolt';
import { mapWithConcurrency } from '../concurrency';
import type { SessionScope } from '../slack/scope';
import { RESET_BULK_MAX_USERS, type ResetOutcome, type SessionAdmin } from '../slack/session-admin';
import { classifyBulkError } from './bulk-errors';
import type { AdminPacing } from './pacer';
import { OutcomeTracker, type RunProgress } from './run-progress';

/** `per_person` makes one admin.users.session.reset call each; `bulk` sends resetBulk calls of up to 1,000. */
export type ResetStrategy = 'per_person' | 'bulk';

/**
 * Up to this many people are reset one call each, so each gets a definite outcome. It equals one minute of
 * Tier 2 calls (Slack documents 20+ per minute), so one such request alone fits the rate limit.
 */
export const PER_PERSON_MAX = 20;

export const RESET_METHOD = 'admin.users.session.reset';
export const RESET_BULK_METHOD = 'admin.users.session.resetBulk';

export function chooseStrategy(personCount: number): ResetStrategy {
  return personCount <= PER_PERSON_MAX ? 'per_person' : 'bulk';
}

export interface ResetRunInput {
  userIds: readonly string[];
  scope: SessionScope;
  /** Runs every step and reports every outcome, but makes no admin call. */
  dryRun: boolean;
  /** Replaces the choice by size; the benchmark uses it to compare both strategies on the same people. */
  strategy?: ResetStrategy;
  /** Runs for each person as the outcome arrives, before the next call, so the audit record keeps up. */
  onOutcome: (outcome: ResetOutcome) => Promise<void>;
  onProgress?: (progress: RunProgress) => void;
}

export interface ResetRunResult {
  strategy: ResetStrategy;
  /** One per person, in the order of `userIds`. */
  outcomes: ResetOutcome[];
  /** Admin calls made, retries and split calls included; 0 in a dry run. */
  adminCalls: number;
  /** Calls the run would start with before any retry or split; what a dry run reports. */
  plannedCalls: number;
}

export interface ResetRunnerOptions {
  sessions: Pick<SessionAdmin, 'resetSessions' | 'resetBulk'>;
  pacing: AdminPacing;
  logger: Logger;
  /** People per resetBulk call, at most Slack's 1,000. */
  chunkSize?: number;
  /** Tries per call when the error is transient (rate limit after the client's own retries, 5xx, timeout). */
  chunkAttempts?: number;
  /** Wait before the second try of a call; it doubles for each later try. */
  retryDelayMs?: number;
  /** Per-person calls in flight at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface Chunk {
  userIds: readonly string[];
  attempt: number;
}

/** Resets people with the strategy their number calls for, pacing each admin method to its rate-limit tier. */
export class ResetRunner {
  private readonly chunkSize: number;
  private readonly chunkAttempts: number;
  private readonly retryDelayMs: number;
  private readonly concurrency: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ResetRunnerOptions) {
    this.chunkSize = Math.min(options.chunkSize ?? RESET_BULK_MAX_USERS, RESET_BULK_MAX_USERS);
    this.chunkAttempts = options.chunkAttempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 2_000;
    this.concurrency = options.concurrency ?? 4;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Returns how many admin calls a run over `personCount` people starts with. */
  plannedCalls(personCount: number, strategy = chooseStrategy(personCount)): number {
    return strategy === 'per_person' ? personCount : Math.ceil(personCount / this.chunkSize);
  }

  async run(input: ResetRunInput): Promise<ResetRunResult> {
    const strategy = input.strategy ?? chooseStrategy(input.userIds.length);
    const tracker = new OutcomeTracker(input.userIds, input.onOutcome, input.onProgress);
    const plannedCalls = this.plannedCalls(input.userIds.length, strategy);

    let adminCalls = 0;
    if (input.dryRun) {
      await this.recordDryRun(input, strategy, tracker);
    } else if (strategy === 'per_person') {
      adminCalls = await this.runPerPerson(input, tracker);
    } else {
      adminCalls = await this.runBulk(input, tracker);
    }

    return { strategy, outcomes: tracker.outcomesInOrder(), adminCalls, plannedCalls };
  }

  /** Reports what each person's outcome would be, chunk by chunk as a real run would, without any call. */
  private async recordDryRun(input: ResetRunInput, strategy: ResetStrategy, tracker: OutcomeTracker) {
    const queued = strategy === 'bulk';
    for (const userIds of splitInto(input.userIds, queued ? this.chunkSize : 1)) {
      await tracker.record(
        userIds.map((userId) => (queued ? { userId, ok: true, queued } : { userId, ok: true })),
      );
    }
  }

  private async runPerPerson(input: ResetRunInput, tracker: OutcomeTracker): Promise<number> {
    const pacer = this.options.pacing.for(RESET_METHOD);

    await mapWithConcurrency(input.userIds, this.concurrency, async (userId) => {
      const slot = await pacer.acquire();
      let outcomes: ResetOutcome[];
      try {
        outcomes = await this.options.sessions.resetSessions([userId], input.scope);
      } finally {
        slot.release();
      }
      await tracker.record(outcomes);
    });
    return input.userIds.length;
  }

  /**
   * Sends resetBulk calls one after another. A call that fails because of some person in it is split in
   * halves until the people at fault stand alone. A transient failure is tried again after a pause. A
   * failure of the token or plan ends the run, because every later call would fail the same way.
   */
  private async runBulk(input: ResetRunInput, tracker: OutcomeTracker): Promise<number> {
    const pacer = this.options.pacing.for(RESET_BULK_METHOD);
    const pending: Chunk[] = splitInto(input.userIds, this.chunkSize).map((userIds) => ({
      userIds,
      attempt: 1,
    }));
    let calls = 0;

    for (let chunk = pending.shift(); chunk !== undefined; chunk = pending.shift()) {
      const slot = await pacer.acquire();
      let answer: Awaited<ReturnType<SessionAdmin['resetBulk']>>;
      try {
        answer = await this.options.sessions.resetBulk(chunk.userIds, input.scope);
      } finally {
        slot.release();
      }
      calls += 1;

      if (answer.ok) {
        await tracker.record(chunk.userIds.map((userId) => ({ userId, ok: true, queued: true })));
        continue;
      }

      const named = namedFailures(chunk.userIds, answer.failedUserIds);
      if (named.size > 0) {
        await tracker.record(
          chunk.userIds.map((userId) =>
            named.has(userId)
              ? { userId, ok: false, error: answer.error }
              : { userId, ok: true, queued: true },
          ),
        );
        continue;
      }

      const next = await this.handleFailedChunk(chunk, answer.error);
      if (next === 'stop') {
        const rest = [chunk, ...pending.splice(0)].flatMap((item) => item.userIds);
        await tracker.record(rest.map((userId) => ({ userId, ok: false, error: answer.error })));
        this.options.logger.error(
          JSON.stringify({ event: 'bulk_reset_stopped', error: answer.error, not_attempted: rest.length }),
        );
      } else if (next === 'fail') {
        await tracker.record(chunk.userIds.map((userId) => ({ userId, ok: false, error: answer.error })));
      } else {
        pending.unshift(...next);
      }
    }
    return calls;
  }

  /** Decides what follows a failed call: the chunks to send next, or that its people fail, or that the run stops. */
  private async handleFailedChunk(chunk: Chunk, error: string): Promise<Chunk[] | 'fail' | 'stop'> {
    const kind = classifyBulkError(error);
    const { logger } = this.options;

    if (kind === 'stop') {
      return 'stop';
    }
    if (kind === 'transient' && chunk.attempt < this.chunkAttempts) {
      const delayMs = this.retryDelayMs * 2 ** (chunk.attempt - 1);
      logger.warn(
        JSON.stringify({ event: 'bulk_chunk_retry', error, size: chunk.userIds.length, delay_ms: delayMs }),
      );
      await this.sleep(delayMs);
      return [{ userIds: chunk.userIds, attempt: chunk.attempt + 1 }];
    }
    if (kind === 'per_user' && chunk.userIds.length > 1) {
      // When Slack does not say who failed, the halves go again; resetting someone twice does no harm.
      const middle = Math.ceil(chunk.userIds.length / 2);
      logger.warn(JSON.stringify({ event: 'bulk_chunk_split', error, size: chunk.userIds.length }));
      return [
        { userIds: chunk.userIds.slice(0, middle), attempt: 1 },
        { userIds: chunk.userIds.slice(middle), attempt: 1 },
      ];
    }
    return 'fail';
  }
}

/** Returns the ids of this call that Slack named as failed, ignoring any that were not in the call. */
function namedFailures(
  userIds: readonly string[],
  failedUserIds: readonly string[] | undefined,
): Set<string> {
  const inCall = new Set(userIds);
  return new Set((failedUserIds ?? []).filter((userId) => inCall.has(userId)));
}

function splitInto<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    parts.push(items.slice(start, start + size));
  }
  return parts;
}
