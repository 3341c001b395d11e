import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimited } from '../../../src/domain/limits/limit-errors.js';
import { ServiceUnavailable } from '../../../src/domain/shared/domain-error.js';
import { createRedis } from '../../../src/infrastructure/cache/create-redis.js';
import {
  FallbackRateLimiter,
  type LimiterFallbackOperation,
} from '../../../src/infrastructure/limits/fallback-rate-limiter.adapter.js';
import { RedisRateLimiter } from '../../../src/infrastructure/limits/redis-rate-limiter.adapter.js';
import {
  connectRedis,
  freePort,
  startRedisServer,
  testCalendar,
  uniqueId,
  untilReady,
  type RedisServerProcess,
} from './limits-test-kit.js';

const { at, day } = testCalendar();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Always: the redis-server children are killed and the clients closed, whatever failed.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; result: T | unknown }> {
  const started = performance.now();
  const result = await call().catch((error: unknown) => error);
  return { ms: performance.now() - started, result };
}

describe('FallbackRateLimiter with Redis unreachable (closed port)', () => {
  it('answers within 1 s: daily fails closed with 503 + Retry-After, per-minute counted per instance, refund dropped', async () => {
    const redis = createRedis('redis://127.0.0.1:1');
    cleanups.push(() => redis.disconnect());
    const events: LimiterFallbackOperation[] = [];
    const limiter = new FallbackRateLimiter(new RedisRateLimiter(redis), {
      onFallback: (op) => events.push(op),
    });
    const user = uniqueId();
    const check = (time: string) => ({ userId: user, now: at(time), perMinute: 3, daily: 100 });

    // Seconds apart, so each attempt is past the 1 s waiting period and really asks Redis.
    for (const time of ['12:00:01.000', '12:00:03.000', '12:00:05.000']) {
      const { ms, result } = await timed(() => limiter.consume(check(time)));
      expect(ms).toBeLessThan(1_000);
      expect(result).toBeInstanceOf(ServiceUnavailable);
      expect(result).toMatchObject({ code: 'service_unavailable', retryAfterSeconds: 5 });
    }
    const { ms, result } = await timed(() => limiter.consume(check('12:00:07.250')));
    expect(ms).toBeLessThan(1_000);
    expect(result).toBeInstanceOf(RateLimited);
    expect(result).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 53,
      details: { limit: 3, remaining: 0, resetAt: at('12:01:00.000').toISOString() },
    });
    // The next minute starts a new local window.
    expect(await limiter.consume(check('12:01:00.000')).catch((e: unknown) => e)).toBeInstanceOf(
      ServiceUnavailable,
    );

    // Per instance: another instance has its own count.
    const otherInstance = new FallbackRateLimiter(new RedisRateLimiter(redis));
    expect(await otherInstance.consume(check('12:00:07.500')).catch((e: unknown) => e)).toBeInstanceOf(
      ServiceUnavailable,
    );

    expect(await limiter.peek(check('12:01:05.000')).catch((e: unknown) => e)).toBeInstanceOf(
      ServiceUnavailable,
    );
    await expect(limiter.refundDaily({ userId: user, day: day() })).resolves.toBeUndefined();
    expect(events).toEqual(['consume', 'consume', 'consume', 'consume', 'consume', 'peek', 'refund']);
    expect(limiter.degraded).toBe(true);
  });
});

describe('FallbackRateLimiter through a real Redis outage', () => {
  async function startServer(port: number): Promise<RedisServerProcess> {
    const server = await startRedisServer(port);
    cleanups.push(() => server.stop());
    return server;
  }

  it('falls back when redis-server dies and goes back to Redis by itself once it is back', async () => {
    const port = await freePort();
    let server = await startServer(port);
    const redis = await connectRedis(server.url, 'outage:');
    cleanups.push(() => redis.disconnect());
    const events: string[] = [];
    const limiter = new FallbackRateLimiter(new RedisRateLimiter(redis), {
      probeIntervalMs: 1_000,
      onFallback: (op) => events.push(op),
      onRecover: () => events.push('recover'),
    });
    const user = uniqueId();
    const check = (time: string) => ({ userId: user, now: at(time), perMinute: 10, daily: 100 });
    const dailyUsedOnServer = async (url: string) => {
      const inspector = await connectRedis(url);
      try {
        return await inspector.get(`outage:chat:quota:daily:${user}:${day()}`);
      } finally {
        inspector.disconnect();
      }
    };

    expect(await limiter.consume(check('12:00:00.000'))).toMatchObject({ allowed: true, daily: { used: 1 } });
    expect(await dailyUsedOnServer(server.url)).toBe('1');

    const closed = redis.status === 'ready' ? once(redis, 'close') : Promise.resolve();
    await server.stop();
    await closed;
    const outage = await timed(() => limiter.consume(check('12:00:01.000')));
    expect(outage.ms).toBeLessThan(1_000);
    expect(outage.result).toBeInstanceOf(ServiceUnavailable);
    expect(limiter.degraded).toBe(true);

    server = await startServer(port); // same port, empty (no persistence)
    await untilReady(redis, 'the client reconnecting');
    // Still inside the waiting period after the failure: Redis is not asked yet.
    expect(await limiter.consume(check('12:00:01.500')).catch((e: unknown) => e)).toBeInstanceOf(
      ServiceUnavailable,
    );
    expect(await dailyUsedOnServer(server.url)).toBeNull();

    const back = await limiter.consume(check('12:00:02.100'));
    expect(back).toMatchObject({ allowed: true, daily: { used: 1 }, rate: { remaining: 9 } }); // the new server's count
    expect(await dailyUsedOnServer(server.url)).toBe('1');
    expect(limiter.degraded).toBe(false);
    expect(events).toEqual(['consume', 'consume', 'recover']);
  });

  it('survives a Redis that hangs (frozen with SIGSTOP): one command timeout, then no waiting until the probe', async () => {
    const server = await startServer(await freePort());
    const redis: Redis = await connectRedis(server.url);
    cleanups.push(() => redis.disconnect());
    cleanups.push(() => {
      server.child.kill('SIGCONT'); // before stop() kills it, in case the test failed while frozen
    });
    const limiter = new FallbackRateLimiter(new RedisRateLimiter(redis), { probeIntervalMs: 2_000 });
    const check = (time: string) => ({ userId: uniqueId(), now: at(time), perMinute: 10, daily: 100 });

    server.child.kill('SIGSTOP');
    const hung = await timed(() => limiter.consume(check('18:00:00.000')));
    expect(hung.result).toBeInstanceOf(ServiceUnavailable);
    expect(hung.ms).toBeGreaterThanOrEqual(450); // it did wait for the 500 ms command timeout...
    expect(hung.ms).toBeLessThan(1_000); // ...and no longer
    const skipped = await timed(() => limiter.consume(check('18:00:01.000')));
    expect(skipped.result).toBeInstanceOf(ServiceUnavailable);
    expect(skipped.ms).toBeLessThan(100); // within the waiting period Redis is not asked

    server.child.kill('SIGCONT');
    expect(await limiter.consume(check('18:00:02.500'))).toMatchObject({ allowed: true });
  });
});
