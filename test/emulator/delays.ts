interface PendingDelay {
  timer: NodeJS.Timeout;
  reject: (error: Error) => void;
}

/** Timers for delayed responses. `cancelAll()` rejects them at once, so stopping never waits for a delay. */
export class CancellableDelays {
  private readonly pending = new Set<PendingDelay>();
  private cancelled = false;

  /** Resolves after `ms`, or rejects when `cancelAll()` runs first. */
  wait(ms: number): Promise<void> {
    if (this.cancelled) return Promise.reject(new Error('The emulator has stopped.'));
    return new Promise((resolve, reject) => {
      const delay: PendingDelay = {
        timer: setTimeout(() => {
          this.pending.delete(delay);
          resolve();
        }, ms),
        reject,
      };
      this.pending.add(delay);
    });
  }

  cancelAll(): void {
    this.cancelled = true;
    for (const delay of this.pending) {
      clearTimeout(delay.timer);
      delay.reject(new Error('The emulator has stopped.'));
    }
    this.pending.clear();
  }
}
