import { describe, expect, it } from 'vitest';
import { InProcessCounterStore } from '../../../src/infrastructure/limits/in-process-counter-store.adapter.js';
import { InProcessRateLimiter } from '../../../src/infrastructure/limits/in-process-rate-limiter.adapter.js';
import { TestClock as ManualClock } from '../../support/test-clock.js';

describe('in-process stores', () => {
  it('forget windows that have ended, so memory follows the active users only', async () => {
    const limiter = new InProcessRateLimiter({ sweepEveryMs: 60_000 });
    const day1 = new Date('2031-06-01T10:00:00.000Z');
    for (let i = 0; i < 1_000; i++)
      await limiter.consume({ userId: `u${i}`, now: day1, perMinute: 5, daily: 50 });
    expect(limiter.trackedKeys).toBe(2_000); // a minute key and a day key per user

    // Ten minutes later the minute keys are gone; the next day, the day keys too.
    await limiter.consume({
      userId: 'late',
      now: new Date('2031-06-01T10:10:00.000Z'),
      perMinute: 5,
      daily: 50,
    });
    expect(limiter.trackedKeys).toBe(1_002);
    await limiter.consume({
      userId: 'next-day',
      now: new Date('2031-06-02T00:00:00.100Z'),
      perMinute: 5,
      daily: 50,
    });
    expect(limiter.trackedKeys).toBe(2);
  });

  it('the counter store does the same, and measures windows on its injected clock', async () => {
    const clock = new ManualClock(new Date('2031-06-01T10:00:00.000Z'));
    const store = new InProcessCounterStore(clock, { sweepEveryMs: 1_000 });
    for (let i = 0; i < 100; i++) await store.increment(`login:failures:ip:${i}`, 15 * 60_000);
    clock.advance(10_000);
    expect(await store.increment('login:failures:ip:0', 15 * 60_000)).toEqual({
      count: 2,
      resetInMs: 15 * 60_000 - 10_000,
    });
    clock.advance(15 * 60_000);
    await store.increment('login:failures:ip:new', 60_000);
    expect(store.trackedKeys).toBe(1);
  });
});
