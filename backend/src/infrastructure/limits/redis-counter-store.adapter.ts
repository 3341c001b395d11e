import type { Redis } from 'ioredis';
import type { CounterStore, WindowCount } from '../../application/ports/counter-store.port.js';

/*
 * Fixed windows that start at the first hit: INCR, and PEXPIRE only when the key is new, so
 * later hits never stretch the window. One script, so the INCR and its PEXPIRE cannot be
 * split by a crash or a timeout (a key without expiry would count for ever). A key found
 * without a TTL (PTTL -1: written by hand, or by older code) gets one, the same self-repair.
 * The window is relative (PEXPIRE, not PEXPIREAT): the port has no `now`, and a duration
 * does not care whose clock is right.
 */
const INCREMENT_LUA = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const PEEK_LUA = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {tonumber(count), ttl}
`;

interface CounterCommands {
  parleyCounterIncrement(key: string, windowMs: string): Promise<[number, number]>;
  parleyCounterPeek(key: string): Promise<[number, number]>;
}

/** CounterStore shared by every instance (login throttling per email and per IP). */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis & CounterCommands;

  constructor(redis: Redis) {
    redis.defineCommand('parleyCounterIncrement', { numberOfKeys: 1, lua: INCREMENT_LUA });
    redis.defineCommand('parleyCounterPeek', { numberOfKeys: 1, lua: PEEK_LUA, readOnly: true });
    this.redis = redis as Redis & CounterCommands;
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    if (!Number.isSafeInteger(windowMs) || windowMs < 1)
      throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
    const [count, resetInMs] = await this.redis.parleyCounterIncrement(key, String(windowMs));
    return { count, resetInMs };
  }

  async peek(key: string): Promise<WindowCount> {
    const [count, resetInMs] = await this.redis.parleyCounterPeek(key);
    return { count, resetInMs };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
