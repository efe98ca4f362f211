import { randomBytes } from 'node:crypto';

export interface ExpiringStoreOptions {
  /** How long an entry lives after `put`. */
  ttlMs: number;
  /** Entries kept at most; the oldest goes first when a new one would pass the limit. */
  maxEntries: number;
  now?: () => number;
}

interface Stored<T> {
  value: T;
  expiresAt: number;
}

/**
 * Values kept in memory under random keys, for lists too long for a modal's 3,000-character
 * `private_metadata`: the modal carries only the key. Entries are lost when the process restarts, and the
 * flow that reads one then tells the admin to start again.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, Stored<T>>();
  private readonly now: () => number;

  constructor(private readonly options: ExpiringStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Stores `value` and returns its key: 16 random bytes in hex, so a key cannot be guessed. */
  put(value: T): string {
    this.removeExpired();
    while (this.entries.size >= this.options.maxEntries) {
      const [oldest] = this.entries.keys();
      if (oldest === undefined) {
        break;
      }
      this.entries.delete(oldest);
    }

    const key = randomBytes(16).toString('hex');
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    return key;
  }

  get(key: string): T | undefined {
    const stored = this.entries.get(key);
    if (stored === undefined || stored.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return stored.value;
  }

  /** Returns the value and removes it, so a confirmation can be used only once. */
  take(key: string): T | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  private removeExpired(): void {
    const now = this.now();
    for (const [key, stored] of this.entries) {
      if (stored.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
  }
}
