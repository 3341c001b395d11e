import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCounterStore } from '../../../src/infrastructure/limits/redis-counter-store.adapter.js';
import { RedisRateLimiter } from '../../../src/infrastructure/limits/redis-rate-limiter.adapter.js';
import {
  connectRedis,
  deleteUnder,
  keysUnder,
  testCalendar,
  uniqueId,
  uniquePrefix,
} from './limits-test-kit.js';

const prefix = uniquePrefix('redis');
const { at, day } = testCalendar();
let raw: Redis; // no keyPrefix: sees the keys exactly as stored
const clients: Redis[] = [];

beforeAll(async () => {
  raw = await connectRedis();
  // Five connections stand for five instances racing for the same user.
  for (let i = 0; i < 5; i++) clients.push(await connectRedis(undefined, prefix));
});
afterAll(async () => {
  await deleteUnder(raw, prefix);
  for (const client of [raw, ...clients]) client.disconnect();
});

describe('RedisRateLimiter against a real Redis', () => {
  it('lets exactly the remaining 10 of 50 parallel sends through, and the counter ends exactly at the limit', async () => {
    const instances = clients.map((client) => new RedisRateLimiter(client));
    const user = uniqueId();
    const now = at('13:00:00.000');
    const check = { userId: user, now, perMinute: 1_000, daily: 100 };
    for (let i = 0; i < 90; i++) expect((await instances[i % 5]!.consume(check)).allowed).toBe(true);

    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => instances[i % 5]!.consume(check)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.filter((d) => d.rejectedBy === 'quota_exceeded')).toHaveLength(40);
    expect(await raw.get(`${prefix}chat:quota:daily:${user}:${day()}`)).toBe('100');
    expect(Number(await raw.get(`${prefix}chat:rate:minute:${user}:${day()}T13:00`))).toBe(100);
  });

  it('writes only under the keyPrefix and leaves no key without a TTL', async () => {
    const limiter = new RedisRateLimiter(clients[0]!);
    const counters = new RedisCounterStore(clients[0]!);
    const user = uniqueId();
    const check = { userId: user, now: at('15:00:00.000'), perMinute: 3, daily: 5 };
    for (let i = 0; i < 4; i++) await limiter.consume(check);
    await limiter.consume({ ...check, now: at('15:01:00.000') });
    await limiter.refundDaily({ userId: user, day: day() });
    await limiter.peek(check);
    await counters.increment(`login:failures:email:${user}`, 60_000);
    await counters.increment(`login:failures:email:${user}`, 60_000);

    const keys = (await keysUnder(raw, prefix)).filter((k) => k.includes(user));
    expect(keys.sort()).toEqual(
      [
        `${prefix}chat:quota:daily:${user}:${day()}`,
        `${prefix}chat:rate:minute:${user}:${day()}T15:00`,
        `${prefix}chat:rate:minute:${user}:${day()}T15:01`,
        `${prefix}login:failures:email:${user}`,
      ].sort(),
    );
    expect(await raw.keys(`chat:*${user}*`)).toEqual([]); // nothing escaped the prefix
    for (const key of keys) expect(await raw.pttl(key), key).toBeGreaterThan(0);
  });

  it('expires the daily key at the next UTC midnight of the injected clock (plus the grace), not by the Redis clock', async () => {
    const limiter = new RedisRateLimiter(clients[0]!, { expiryGraceMs: 0 });
    const user = uniqueId();
    await limiter.consume({ userId: user, now: at('20:00:00.000'), perMinute: 3, daily: 5 });
    const expiresAt = await raw.call('PEXPIRETIME', `${prefix}chat:quota:daily:${user}:${day()}`);
    expect(expiresAt).toBe(at('00:00:00.000', 1).getTime());
    const minuteExpiresAt = await raw.call('PEXPIRETIME', `${prefix}chat:rate:minute:${user}:${day()}T20:00`);
    expect(minuteExpiresAt).toBe(at('20:01:00.000').getTime());
  });

  it('creates no key when refunding a day with nothing taken', async () => {
    const limiter = new RedisRateLimiter(clients[0]!);
    const user = uniqueId();
    await limiter.refundDaily({ userId: user, day: day() });
    expect(await raw.exists(`${prefix}chat:quota:daily:${user}:${day()}`)).toBe(0);
  });

  it('gives a counter key found without a TTL one on the next increment', async () => {
    const key = `login:failures:ip:${uniqueId('ip')}`;
    await raw.set(`${prefix}${key}`, '4');
    expect(await raw.pttl(`${prefix}${key}`)).toBe(-1);
    const counted = await new RedisCounterStore(clients[1]!).increment(key, 30_000);
    expect(counted).toEqual({ count: 5, resetInMs: 30_000 });
    const ttl = await raw.pttl(`${prefix}${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('shares counter store counts between instances (a failure counted on one is seen by the other)', async () => {
    const key = `login:failures:email:${uniqueId()}`;
    await new RedisCounterStore(clients[2]!).increment(key, 60_000);
    await new RedisCounterStore(clients[3]!).increment(key, 60_000);
    expect((await new RedisCounterStore(clients[4]!).peek(key)).count).toBe(2);
  });
});
