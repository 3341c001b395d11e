import { expect } from 'vitest';
import { InProcessCounterStore } from '../../../src/infrastructure/limits/in-process-counter-store.adapter.js';
import { RedisCounterStore } from '../../../src/infrastructure/limits/redis-counter-store.adapter.js';
import { describeCounterStoreContract } from './counter-store.contract.js';
import { ManualClock, redisForFile } from './limits-test-kit.js';

describeCounterStoreContract('in-process', () => {
  const clock = new ManualClock(new Date('2031-05-05T10:00:00.000Z'));
  return {
    store: new InProcessCounterStore(clock),
    shortWindowMs: 60_000,
    outlive: async (_key, windowMs) => clock.advance(windowMs),
  };
});

const shared = redisForFile('counters');

describeCounterStoreContract('Redis (Lua)', () => ({
  store: new RedisCounterStore(shared.redis),
  // Redis expires by its own clock, which a test cannot move: a short window, then watch the
  // key go (bounded), rather than sleeping for a guessed time.
  shortWindowMs: 150,
  outlive: async (key) => {
    const deadline = performance.now() + 5_000;
    while ((await shared.raw.exists(`${shared.prefix}${key}`)) === 1) {
      expect(performance.now(), `${key} still there after 5 s`).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  },
}));
