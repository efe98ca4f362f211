const DEFAULT_WINDOW_MS = 60_000;

interface MethodLimit {
  perWindow: number;
  windowMs: number;
}

/**
 * Sliding window per method and token, one minute unless `set` is given a shorter one. Only calls that got
 * through count, so a client that keeps retrying too early stays limited no longer than one that waits.
 */
export class RateLimiter {
  private readonly limits = new Map<string, MethodLimit>();
  private readonly history = new Map<string, number[]>();

  /** Allows `perWindow` calls in any `windowMs`; a shorter window lets benchmarks run a tier faster. */
  set(method: string, perWindow: number, windowMs = DEFAULT_WINDOW_MS): void {
    if (!Number.isInteger(perWindow) || perWindow < 1) {
      throw new Error(`perMinute must be a positive integer, got ${perWindow}.`);
    }
    if (!Number.isInteger(windowMs) || windowMs < 1) {
      throw new Error(`windowMs must be a positive integer, got ${windowMs}.`);
    }
    this.limits.set(method, { perWindow, windowMs });
  }

  /** Records the call and returns undefined, or returns the seconds to wait when the call is over the limit. */
  check(method: string, token: string | undefined, now: number): number | undefined {
    const limit = this.limits.get(method);
    if (limit === undefined) return undefined;
    const key = `${method}\n${token ?? ''}`;
    const recent = (this.history.get(key) ?? []).filter((at) => at > now - limit.windowMs);
    this.history.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= limit.perWindow && oldest !== undefined) {
      // Retry-After is whole seconds, as Slack sends it, so a window under a second still requests 1 s.
      return Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
    }
    recent.push(now);
    return undefined;
  }

  clear(): void {
    this.limits.clear();
    this.history.clear();
  }
}
