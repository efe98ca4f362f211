/** A started call's place in the window. Call `release` when the response arrives. */
export interface PacerSlot {
  release(): void;
}

export interface CallPacerOptions {
  /** Calls allowed in any window of `windowMs`. */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps one Web API method within a rate-limit tier: at most `limit` calls in any `windowMs`, counted the way
 * Slack counts a tier's calls per minute, so calls within the limit go out at once and later ones wait.
 * A call's place counts from when its response arrived, which is never earlier than when Slack counted it,
 * so slow responses cannot squeeze two calls closer together than Slack allows.
 */
export class CallPacer {
  private readonly finishedAt: number[] = [];
  private readonly waitingForRelease: Array<() => void> = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private turn: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CallPacerOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError(`limit must be a positive integer, got ${options.limit}.`);
    }
    if (!(options.windowMs > 0)) {
      throw new RangeError(`windowMs must be positive, got ${options.windowMs}.`);
    }
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Waits until a call may start, first come first served, and returns its slot. */
  async acquire(): Promise<PacerSlot> {
    const mine = this.turn.then(() => this.waitForRoom());
    this.turn = mine.catch(() => undefined);
    await mine;

    let released = false;
    return {
      release: () => {
        if (released) {
          return;
        }
        released = true;
        this.inFlight -= 1;
        this.finishedAt.push(this.now());
        this.waitingForRelease.splice(0).forEach((wake) => {
          wake();
        });
      },
    };
  }

  /** Holds every call back for `ms`, as the `Retry-After` header of a 429 response requests. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.forgetBefore(now - this.options.windowMs);

      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      if (this.finishedAt.length + this.inFlight < this.options.limit) {
        this.inFlight += 1;
        return;
      }

      const oldest = this.finishedAt[0];
      if (oldest !== undefined) {
        await this.sleep(oldest + this.options.windowMs - now);
      } else {
        // Every place is held by a call still waiting for its response.
        await new Promise<void>((resolve) => this.waitingForRelease.push(resolve));
      }
    }
  }

  private forgetBefore(cutoff: number): void {
    while (this.finishedAt.length > 0 && (this.finishedAt[0] ?? Number.POSITIVE_INFINITY) <= cutoff) {
      this.finishedAt.shift();
    }
  }
}

/** One `CallPacer` per admin method, all with the same tier, and the pause a 429 answer asks for. */
export class AdminPacing {
  private readonly pacers = new Map<string, CallPacer>();

  constructor(private readonly options: CallPacerOptions) {}

  for(method: string): CallPacer {
    let pacer = this.pacers.get(method);
    if (pacer === undefined) {
      pacer = new CallPacer(this.options);
      this.pacers.set(method, pacer);
    }
    return pacer;
  }

  pause(method: string, ms: number): void {
    this.for(method).pause(ms);
  }
}
