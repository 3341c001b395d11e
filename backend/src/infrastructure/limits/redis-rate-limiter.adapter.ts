import type { Redis } from 'ioredis';
import type { LimitRejection, LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { minuteWindow, nextUtcMidnight, utcDayKey } from '../../domain/limits/utc-windows.js';
import type { LimitCheck, LimitDecision, RateLimiter } from '../../application/limits/rate-limiter.port.js';
import { dailyKey, rateKey, snapshotOf } from './limit-keys.js';

/*
 * One round trip, atomic: Redis runs a script without interleaving, so 50 parallel sends at
 * the boundary can never take more than the limit. Keys only through KEYS[] (never built in
 * Lua) so that the ioredis keyPrefix applies to them.
 *
 * Expiry is PEXPIREAT at the end of the key's own window (minute end, next UTC midnight)
 * computed from the caller's `now`, plus a grace. Because the window is in the key's name, a
 * key is never read after its window whatever its TTL, so the grace changes no count; it
 * only absorbs clock skew: were Redis's clock ahead of ours, an expiry exactly at our
 * midnight could lie in Redis's past, and PEXPIREAT in the past deletes the key at once,
 * letting every send through until our clock reached midnight too. PEXPIREAT is set on every
 * write (same value), so no key can ever be left without a TTL.
 */
const CONSUME_LUA = `
local rate = tonumber(redis.call('GET', KEYS[1]) or '0')
local daily = tonumber(redis.call('GET', KEYS[2]) or '0')
if daily >= tonumber(ARGV[3]) then return {2, rate, daily} end
if rate >= tonumber(ARGV[1]) then return {1, rate, daily} end
rate = redis.call('INCR', KEYS[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
daily = redis.call('INCR', KEYS[2])
redis.call('PEXPIREAT', KEYS[2], ARGV[4])
return {0, rate, daily}
`;

/* DECR keeps the TTL; a missing key (nothing taken, or the day already expired) is not created. */
const REFUND_LUA = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then return redis.call('DECR', KEYS[1]) end
return 0
`;

const OUTCOMES: readonly (LimitRejection | undefined)[] = [undefined, 'rate_limited', 'quota_exceeded'];

interface LimiterCommands {
  parleyChatLimitConsume(
    rateKey: string,
    dailyKey: string,
    perMinute: string,
    rateExpiresAt: string,
    daily: string,
    dailyExpiresAt: string,
  ): Promise<[number, number, number]>;
  parleyChatLimitRefund(dailyKey: string): Promise<number>;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis & LimiterCommands;
  private readonly expiryGraceMs: number;

  /** `redis`: from createRedis (fails fast when Redis is down); may carry a keyPrefix. */
  constructor(redis: Redis, options: { expiryGraceMs?: number } = {}) {
    redis.defineCommand('parleyChatLimitConsume', { numberOfKeys: 2, lua: CONSUME_LUA });
    redis.defineCommand('parleyChatLimitRefund', { numberOfKeys: 1, lua: REFUND_LUA });
    this.redis = redis as Redis & LimiterCommands;
    this.expiryGraceMs = options.expiryGraceMs ?? 60_000;
  }

  async consume(check: LimitCheck): Promise<LimitDecision> {
    const window = minuteWindow(check.now);
    const [outcome, rate, daily] = await this.redis.parleyChatLimitConsume(
      rateKey(check.userId, window),
      dailyKey(check.userId, utcDayKey(check.now)),
      String(check.perMinute),
      String(window.endsAt.getTime() + this.expiryGraceMs),
      String(check.daily),
      String(nextUtcMidnight(check.now).getTime() + this.expiryGraceMs),
    );
    const rejectedBy = OUTCOMES[outcome];
    return {
      allowed: rejectedBy === undefined,
      ...(rejectedBy && { rejectedBy }),
      ...snapshotOf(check, rate, daily),
    };
  }

  async refundDaily(refund: { userId: string; day: string }): Promise<void> {
    await this.redis.parleyChatLimitRefund(dailyKey(refund.userId, refund.day));
  }

  async peek(check: LimitCheck): Promise<LimitsSnapshot> {
    const [rate, daily] = await this.redis.mget(
      rateKey(check.userId, minuteWindow(check.now)),
      dailyKey(check.userId, utcDayKey(check.now)),
    );
    return snapshotOf(check, Number(rate ?? 0), Number(daily ?? 0));
  }
}
