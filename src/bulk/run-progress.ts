import type { ResetOutcome } from '../slack/session-admin';

/** Counts of a run so far: `signedOut` reset by one call each, `queued` accepted by resetBulk. */
export interface RunProgress {
  total: number;
  signedOut: number;
  queued: number;
  failed: number;
  remaining: number;
}

/**
 * Keeps each person's latest outcome, hands every outcome to `onOutcome` in arrival order, and reports the
 * counts after each batch. A person recorded twice (a call tried again) counts once, with the newer outcome.
 */
export class OutcomeTracker {
  private readonly latest = new Map<string, ResetOutcome>();

  constructor(
    private readonly userIds: readonly string[],
    private readonly onOutcome: (outcome: ResetOutcome) => Promise<void>,
    private readonly onProgress?: (progress: RunProgress) => void,
  ) {}

  async record(outcomes: readonly ResetOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      this.latest.set(outcome.userId, outcome);
      await this.onOutcome(outcome);
    }
    this.onProgress?.(this.progress());
  }

  progress(): RunProgress {
    let signedOut = 0;
    let queued = 0;
    let failed = 0;
    for (const outcome of this.latest.values()) {
      if (!outcome.ok) {
        failed += 1;
      } else if (outcome.queued) {
        queued += 1;
      } else {
        signedOut += 1;
      }
    }
    const total = this.userIds.length;
    return { total, signedOut, queued, failed, remaining: total - this.latest.size };
  }

  outcomesInOrder(): ResetOutcome[] {
    return this.userIds.map(
      (userId) => this.latest.get(userId) ?? { userId, ok: false, error: 'unexpected_error' },
    );
  }
}

/**
 * Passes progress on to `send` at most once per `intervalMs` and never while a send is in flight, so a long run
 * updates the modal every few seconds instead of after every call. `finish` waits for the send in flight.
 */
export class ThrottledProgress {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private latest: RunProgress | undefined;

  constructor(
    private readonly send: (progress: RunProgress) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  report(progress: RunProgress): void {
    this.latest = progress;
    if (this.inFlight !== undefined || this.now() - this.lastSentAt < this.intervalMs) {
      return;
    }
    this.lastSentAt = this.now();
    // `send` logs its own failures; a lost progress update must not stop the run.
    this.inFlight = this.send(progress)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = undefined;
      });
  }

  /** Waits for a send in flight; the caller then shows the final result itself. */
  async finish(): Promise<RunProgress | undefined> {
    await this.inFlight;
    return this.latest;
  }
}
