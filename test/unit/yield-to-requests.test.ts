import {
  MAX_YIELD_MS,
  noteIncomingRequest,
  yieldToPendingRequests,
} from '../../src/lifecycle/yield-to-requests';

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Arrivals {
  stop: () => void;
  /** Turns of the event loop seen so far. */
  turns: () => number;
}

/** Notes one incoming request per turn of the event loop until `stop` is called. */
function keepRequestsArriving(): Arrivals {
  let arriving = true;
  let turns = 0;
  const note = (): void => {
    if (arriving) {
      turns += 1;
      noteIncomingRequest();
      setImmediate(note);
    }
  };
  note();
  return {
    stop: () => {
      arriving = false;
    },
    turns: () => turns,
  };
}

/** Returns a promise for the yield and a flag that turns true once it resolves. */
function trackedYield(): { done: Promise<void>; resumed: () => boolean } {
  let resumed = false;
  const done = yieldToPendingRequests().then(() => {
    resumed = true;
  });
  return { done, resumed: () => resumed };
}

describe('yieldToPendingRequests', () => {
  it('resumes without requests', async () => {
    const waiter = trackedYield();

    await nextTurn();
    await nextTurn();

    expect(waiter.resumed()).toBe(true);
  });

  it('resumes waiters in order', async () => {
    const order: number[] = [];

    await Promise.all([1, 2, 3].map((id) => yieldToPendingRequests().then(() => order.push(id))));

    expect(order).toEqual([1, 2, 3]);
  });

  it('arriving requests hold waiters', async () => {
    const { stop } = keepRequestsArriving();
    const waiter = trackedYield();

    for (let turn = 0; turn < 5; turn += 1) {
      await nextTurn();
    }
    const resumedWhileArriving = waiter.resumed();
    stop();
    await waiter.done;

    expect(resumedWhileArriving).toBe(false);
  });

  it('waiter resumes after MAX_YIELD_MS', async () => {
    const { stop } = keepRequestsArriving();
    const started = performance.now();

    await yieldToPendingRequests();
    const waitedMs = performance.now() - started;
    stop();

    expect(waitedMs).toBeGreaterThanOrEqual(MAX_YIELD_MS);
    expect(waitedMs).toBeLessThan(MAX_YIELD_MS * 3);
  });

  it('overdue waiters resume one per turn', async () => {
    const arrivals = keepRequestsArriving();
    const resumedAt: number[] = [];

    await Promise.all(
      [0, 1, 2].map(() => yieldToPendingRequests().then(() => resumedAt.push(arrivals.turns()))),
    );
    arrivals.stop();

    expect(new Set(resumedAt).size).toBe(3);
  });
});
