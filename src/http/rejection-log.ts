import type { Logger } from '@slack/bolt';
import type { RejectionReason } from './request-guard';

interface ReasonWindow {
  loggedAt: number;
  suppressed: number;
}

/**
 * Logs rejected requests without their headers or body, at most one line per reason every `intervalMs`,
 * so a flood of forged requests cannot flood the log. The next line carries the count it left out.
 */
export class RejectionLog {
  private readonly windows = new Map<RejectionReason, ReasonWindow>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(reason: RejectionReason, status: number, path: string): void {
    const now = this.now();
    const window = this.windows.get(reason);
    if (window !== undefined && now - window.loggedAt < this.intervalMs) {
      window.suppressed += 1;
      return;
    }

    this.logger.warn(
      JSON.stringify({
        event: 'request_rejected',
        status,
        reason,
        path,
        suppressed_since_last: window?.suppressed ?? 0,
      }),
    );
    this.windows.set(reason, { loggedAt: now, suppressed: 0 });
  }
}
