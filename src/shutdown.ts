import type { Logger } from '@slack/bolt';
import type { AuditTrail } from './audit/audit-trail';
import type { InFlightWork } from './lifecycle/in-flight-work';
import type { SessionAdmin } from './slack/session-admin';

/**
 * Time given to running resets after new admin calls stop: enough for a run to record its skipped people
 * and send its outcome, unless a Slack call is hanging.
 */
const SKIP_GRACE_MS = 1_000;

export interface ShutdownParts {
  logger: Logger;
  work: InFlightWork;
  sessions: Pick<SessionAdmin, 'stopNewCalls'>;
  audit: Pick<AuditTrail, 'recoverInterrupted' | 'drain'>;
  /** Stops the receiver, then closes the health server and the audit store. */
  close: () => Promise<void>;
  /** How long running requests may take before the people they have not reached are skipped. */
  timeoutMs: number;
}

/**
 * Shuts down without losing a record: stop taking requests, wait up to `timeoutMs` for running ones,
 * then skip the people not reached yet (recorded as `shutting_down`), mark any request still open as
 * interrupted, and close.
 */
export async function shutDownGracefully(parts: ShutdownParts): Promise<void> {
  const { logger, work } = parts;
  logger.info(
    JSON.stringify({ event: 'shutdown_started', in_flight: work.count, timeout_ms: parts.timeoutMs }),
  );
  work.stopAccepting();

  let finished = await work.drain(parts.timeoutMs);
  if (!finished) {
    logger.warn(JSON.stringify({ event: 'shutdown_skipping_remaining_calls', in_flight: work.count }));
    parts.sessions.stopNewCalls();
    finished = await work.drain(SKIP_GRACE_MS);
  }

  if (!finished) {
    // A Slack call is still hanging; its request is closed as interrupted with the outcomes it has.
    const interrupted = await parts.audit.recoverInterrupted();
    logger.warn(
      JSON.stringify({ event: 'shutdown_timed_out', in_flight: work.count, interrupted: interrupted.length }),
    );
  }

  await parts.close();
  logger.info(JSON.stringify({ event: 'shutdown_finished', drained: finished }));
}

/**
 * Runs `stop` on the first SIGTERM or SIGINT and exits 0 when it succeeds. A second signal exits at once
 * with status 1, for an operator who does not want to wait.
 */
export function exitOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(JSON.stringify({ event: 'shutdown_forced', signal }));
      process.exit(1);
    }
    stopping = true;
    logger.info(JSON.stringify({ event: 'shutdown_signal', signal }));
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(
          JSON.stringify({
            event: 'shutdown_failed',
            error: error instanceof Error ? error.message : String(error),
          }),
        );
        process.exit(1);
      },
    );
  };

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
