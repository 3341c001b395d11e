import type { LimitRejection, LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { minuteWindow, nextUtcMidnight, type MinuteWindow } from '../../domain/limits/utc-windows.js';
import type { LimitCheck } from '../../application/limits/rate-limiter.port.js';

/**
 * Key names shared by the Redis and in-process stores. They carry the window (minute or UTC
 * day) in the name, so a key is only ever read inside its own window and its expiry is only
 * housekeeping. The ioredis keyPrefix (REDIS_KEY_PREFIX) is added in front by the client.
 */
export function rateKey(userId: string, window: MinuteWindow): string {
  return `chat:rate:minute:${userId}:${window.key}`;
}

export function dailyKey(userId: string, day: string): string {
  return `chat:quota:daily:${userId}:${day}`;
}

/**
 * The rule both stores apply before taking a unit (the Lua script mirrors it line for line).
 * Daily first: when both are exhausted, the wait until midnight is the one that is true.
 */
export function rejectionFor(
  check: LimitCheck,
  rateUsed: number,
  dailyUsed: number,
): LimitRejection | undefined {
  if (dailyUsed >= check.daily) return 'quota_exceeded';
  if (rateUsed >= check.perMinute) return 'rate_limited';
  return undefined;
}

/** The numbers for headers and the quota view, from the two counters at `check.now`. */
export function snapshotOf(check: LimitCheck, rateUsed: number, dailyUsed: number): LimitsSnapshot {
  return {
    rate: {
      limit: check.perMinute,
      remaining: Math.max(0, check.perMinute - rateUsed),
      resetAt: minuteWindow(check.now).endsAt,
    },
    daily: {
      limit: check.daily,
      used: dailyUsed,
      remaining: Math.max(0, check.daily - dailyUsed),
      resetAt: nextUtcMidnight(check.now),
    },
  };
}
