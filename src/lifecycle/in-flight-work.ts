/**
 * Requests whose listeners are still running, including work after the ack such as a reset run, so that
 * shutdown can stop taking new requests and wait for these to finish.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();
  private accepting = true;

  get count(): number {
    return this.running.size;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  stopAccepting(): void {
    this.accepting = false;
  }

  /** Counts `work` as running until it settles, and returns its result unchanged. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    try {
      return await work;
    } finally {
      this.running.delete(work);
    }
  }

  /** Resolves true once all running work has settled, or false when `timeoutMs` passes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });

    try {
      while (this.running.size > 0) {
        const settled = Promise.allSettled([...this.running]).then(() => true);
        if (!(await Promise.race([settled, deadline]))) {
          return false;
        }
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
