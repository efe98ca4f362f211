const WINDOW_MS = 60_000;

/**
 * Sliding one-minute window per method and token. Only calls that got through count, so a client that
 * keeps retrying too early stays limited no longer than one that waits.
 */
export class RateLimiter {
  private readonly limits = new Map<string, number>();
  private readonly history = new Map<string, number[]>();

  set(method: string, perMinute: number): void {
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new Error(`perMinute must be a positive integer, got ${perMinute}.`);
    }
    this.limits.set(method, perMinute);
  }

  /** Records the call and returns undefined, or returns the seconds to wait when the call is over the limit. */
  check(method: string, token: string | undefined, now: number): number | undefined {
    const limit = this.limits.get(method);
    if (limit === undefined) return undefined;
    const key = `${method}\n${token ?? ''}`;
    const recent = (this.history.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    this.history.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= limit && oldest !== undefined) {
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    recent.push(now);
    return undefined;
  }

  clear(): void {
    this.limits.clear();
    this.history.clear();
  }
}
