import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../src/application/identity/login-throttle.js';
import { LoginThrottled } from '../../../src/domain/identity/identity-errors.js';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import { FallbackCounterStore } from '../../../src/infrastructure/limits/fallback-counter-store.adapter.js';
import { InProcessCounterStore } from '../../../src/infrastructure/limits/in-process-counter-store.adapter.js';
import { RedisCounterStore } from '../../../src/infrastructure/limits/redis-counter-store.adapter.js';
import { connectRedis, ManualClock, uniqueId, uniquePrefix } from './limits-test-kit.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('FallbackCounterStore (sign-in throttling)', () => {
  it('with Redis unreachable, counts in this instance, still throttles, and reports the outage once', async () => {
    const redis = createRedis('redis://127.0.0.1:1');
    cleanups.push(() => redis.disconnect());
    const clock = new ManualClock(new Date('2026-11-22T12:00:00.000Z'));
    const outages: unknown[] = [];
    const store = new FallbackCounterStore(
      new RedisCounterStore(redis),
      new InProcessCounterStore(clock),
      { onFallback: (error) => outages.push(error) },
      clock,
    );
    const throttle = new LoginThrottle(store, {
      maxFailuresPerEmail: 3,
      maxFailuresPerIp: 100,
      windowMs: 60_000,
    });
    const email = `${uniqueId()}@example.com`;

    for (let i = 0; i < 3; i++) {
      await expect(throttle.assertAllowed(email, '10.0.0.1')).resolves.toBeUndefined();
      await throttle.recordFailure(email, '10.0.0.1');
      clock.advance(2_000); // past the probe interval: every call really asks Redis first
    }
    await expect(throttle.assertAllowed(email, '10.0.0.1')).rejects.toBeInstanceOf(LoginThrottled);
    expect(outages).toHaveLength(1);
    expect(outages[0]).toBeInstanceOf(Error);

    await throttle.recordSuccess(email);
    await expect(throttle.assertAllowed(email, '10.0.0.1')).resolves.toBeUndefined();
  });

  it('with Redis up, counts in Redis, shared by every instance', async () => {
    const prefix = uniquePrefix('fallback-counter-store');
    const redisA = await connectRedis(undefined, prefix);
    const redisB = await connectRedis(undefined, prefix);
    cleanups.push(
      () => redisA.quit(),
      () => redisB.quit(),
    );
    const clock = new ManualClock(new Date('2026-11-22T12:00:00.000Z'));
    const a = new FallbackCounterStore(
      new RedisCounterStore(redisA),
      new InProcessCounterStore(clock),
      {},
      clock,
    );
    const b = new FallbackCounterStore(
      new RedisCounterStore(redisB),
      new InProcessCounterStore(clock),
      {},
      clock,
    );
    const key = uniqueId('key');
    cleanups.push(() => redisA.del(key));

    await a.increment(key, 60_000);
    await b.increment(key, 60_000);
    expect((await a.peek(key)).count).toBe(2);
    await b.reset(key);
    expect((await a.peek(key)).count).toBe(0);
  });
});
