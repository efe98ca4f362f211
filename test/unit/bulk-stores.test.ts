import { ExpiringStore } from '../../src/bulk/expiring-store';
import { type RunProgress, ThrottledProgress } from '../../src/bulk/run-progress';

function progressWith(remaining: number): RunProgress {
  return { total: 10, signedOut: 0, queued: 10 - remaining, failed: 0, remaining };
}

describe('ExpiringStore', () => {
  it('returns a value until it expires', () => {
    let now = 0;
    const store = new ExpiringStore<string>({ ttlMs: 1_000, maxEntries: 10, now: () => now });
    const key = store.put('pending');

    expect(store.get(key)).toBe('pending');
    now = 1_000;
    expect(store.get(key)).toBeUndefined();
  });

  it('hands out a value to take only once', () => {
    const store = new ExpiringStore<string>({ ttlMs: 1_000, maxEntries: 10 });
    const key = store.put('pending');

    expect(store.take(key)).toBe('pending');
    expect(store.take(key)).toBeUndefined();
  });

  it('drops the oldest entry at the limit', () => {
    const store = new ExpiringStore<number>({ ttlMs: 1_000, maxEntries: 2 });
    const first = store.put(1);
    store.put(2);
    store.put(3);

    expect(store.get(first)).toBeUndefined();
  });

  it('makes keys of 32 hex digits', () => {
    const store = new ExpiringStore<number>({ ttlMs: 1_000, maxEntries: 2 });
    expect(store.put(1)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('ThrottledProgress', () => {
  it('sends at most once per interval', async () => {
    let now = 0;
    const sent: number[] = [];
    const progress = new ThrottledProgress(
      async (counts) => {
        sent.push(counts.remaining);
      },
      3_000,
      () => now,
    );

    progress.report(progressWith(9));
    await progress.finish();
    now = 1_000;
    progress.report(progressWith(8));
    now = 3_000;
    progress.report(progressWith(7));
    await progress.finish();

    expect(sent).toEqual([9, 7]);
  });

  it('keeps going when a send fails', async () => {
    const progress = new ThrottledProgress(async () => {
      throw new Error('views.update failed');
    }, 0);

    progress.report(progressWith(5));

    await expect(progress.finish()).resolves.toEqual(progressWith(5));
  });
});
