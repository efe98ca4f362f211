import type { Args, Fault } from './types';

interface QueuedFault {
  method: string;
  fault: Fault;
  remaining: number;
}

/** Scripted faults, applied in the order they were added. Each use counts against the fault's `times`. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  /** Adds a fault for `method`. The method `'*'` matches every request. */
  add(method: string, fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`Fault times must be positive or Infinity, got ${times}.`);
    this.queue.push({ method, fault, remaining: times });
  }

  /** Returns the first fault that matches the request and uses it up once, or undefined. */
  take(method: string, args: Args): Fault | undefined {
    const index = this.queue.findIndex(
      (entry) => (entry.method === '*' || entry.method === method) && (entry.fault.match?.(args) ?? true),
    );
    const entry = this.queue[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }
}
