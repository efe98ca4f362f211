/**
 * Time after which listeners held back by arriving requests start to resume anyway, one per turn of the event
 * loop. It keeps a burst from stalling the follow-up work, such as the views.open that must reach Slack within
 * the trigger_id's 3 seconds.
 */
export const MAX_YIELD_MS = 100;

interface Waiter {
  resume: () => void;
  since: number;
}

// One queue per process, because it schedules against the process's single event loop.
const waiting: Waiter[] = [];
let releaseScheduled = false;
let requestsSinceLastTurn = 0;

/** Counts a request the HTTP receiver has started to read, so the listeners waiting let it go first. */
export function noteIncomingRequest(): void {
  requestsSinceLastTurn += 1;
}

/**
 * Resolves when the listener may continue after its `ack()`. While requests keep arriving, listeners are held
 * back, so those requests are read, verified and acknowledged first. Once a turn of the event loop passes
 * without a new request, every waiting listener resumes, oldest first. Until then, listeners held longer than
 * MAX_YIELD_MS resume one per turn.
 *
 * The work is only reordered, not reduced. It matters most for a burst of new connections: in the HTTP load
 * benchmark (Node 20.20) the listen socket's accept queue drained about one connection per turn, so long turns
 * left the rest waiting there. In Socket Mode no request is counted, and listeners resume on the next turn.
 */
export function yieldToPendingRequests(): Promise<void> {
  return new Promise((resume) => {
    waiting.push({ resume, since: performance.now() });
    if (!releaseScheduled) {
      releaseScheduled = true;
      setImmediate(releaseWaiters);
    }
  });
}

function releaseWaiters(): void {
  const quiet = requestsSinceLastTurn === 0;
  requestsSinceLastTurn = 0;

  const oldest = waiting[0];
  if (quiet) {
    for (const waiter of waiting.splice(0)) {
      waiter.resume();
    }
  } else if (oldest !== undefined && performance.now() - oldest.since >= MAX_YIELD_MS) {
    // One per turn, so the turns stay short while connections are still waiting to be accepted.
    waiting.shift();
    oldest.resume();
  }

  // An immediate scheduled from an immediate runs in the next turn, after that turn's I/O.
  if (waiting.length > 0) {
    setImmediate(releaseWaiters);
  } else {
    releaseScheduled = false;
  }
}
