import { CallPacer } from '../../src/bulk/pacer';

/** Returns a clock that only moves when the pacer sleeps, so tests read exact times without waiting. */
function virtualClock() {
  const clock = { now: 0 };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.now += ms;
    },
  };
}

async function startTimes(pacer: CallPacer, calls: number, now: () => number): Promise<number[]> {
  const times: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const slot = await pacer.acquire();
    times.push(now());
    slot.release();
  }
  return times;
}

describe('CallPacer', () => {
  it('lets a burst within the limit go at once', async () => {
    const { now, sleep } = virtualClock();
    const pacer = new CallPacer({ limit: 20, windowMs: 60_000, now, sleep });

    const times = await startTimes(pacer, 20, now);

    expect(times.every((time) => time === 0)).toBe(true);
  });

  it('holds the call past the limit for one window', async () => {
    const { now, sleep } = virtualClock();
    const pacer = new CallPacer({ limit: 20, windowMs: 60_000, now, sleep });

    const times = await startTimes(pacer, 45, now);

    expect(times.slice(20, 40).every((time) => time === 60_000)).toBe(true);
    expect(times.slice(40)).toEqual([120_000, 120_000, 120_000, 120_000, 120_000]);
  });

  it('counts a slot from when its answer arrived', async () => {
    const { clock, now, sleep } = virtualClock();
    const pacer = new CallPacer({ limit: 1, windowMs: 1_000, now, sleep });

    const first = await pacer.acquire();
    clock.now = 400;
    first.release();
    await pacer.acquire();

    expect(clock.now).toBe(1_400);
  });

  it('waits out a pause from Retry-After', async () => {
    const { clock, now, sleep } = virtualClock();
    const pacer = new CallPacer({ limit: 20, windowMs: 60_000, now, sleep });

    pacer.pause(5_000);
    await pacer.acquire();

    expect(clock.now).toBe(5_000);
  });

  it('waits for a release when every place is in flight', async () => {
    const pacer = new CallPacer({ limit: 1, windowMs: 10 });
    const first = await pacer.acquire();
    let secondStarted = false;

    const second = pacer.acquire().then(() => {
      secondStarted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(secondStarted).toBe(false);

    first.release();
    await second;
    expect(secondStarted).toBe(true);
  });

  it('rejects a limit below one', () => {
    expect(() => new CallPacer({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
  });
});
