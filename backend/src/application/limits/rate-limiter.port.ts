import type { LimitRejection, LimitsSnapshot } from '../../domain/limits/limit-status.js';

/**
 * Counts chat sends against the per-minute limit and the daily quota, for every instance at
 * once (Redis) or for this process only (in-process store).
 *
 * Per-minute algorithm: a FIXED window aligned to the clock minute (12:34:00.000–12:34:59.999
 * UTC), keyed by that minute. Why not a sliding window:
 *  - the reset is exact and the same on every instance (the next whole minute), so
 *    X-RateLimit-Reset and Retry-After are true, not estimates; a sliding log resets when its
 *    oldest entry ages out (needs a sorted set per user) and a sliding counter only
 *    approximates it;
 *  - one integer per user and minute, one INCR: cheap in Redis and in memory;
 *  - its known flaw, up to 2× the limit in a burst straddling a minute boundary, costs little
 *    here: the money is bounded by the daily quota, which is exact.
 *
 * Every call takes `now` from the caller's injected Clock: the stores never read a clock of
 * their own (not Date.now(), not the Redis server's TIME), so tests can stand at 23:59:59.900.
 */
export interface LimitCheck {
  readonly userId: string;
  readonly now: Date;
  /** Sends allowed per clock minute. */
  readonly perMinute: number;
  /** Sends allowed per UTC day. */
  readonly daily: number;
}

export interface LimitDecision extends LimitsSnapshot {
  readonly allowed: boolean;
  /** Set when refused. When both limits are exhausted it is `quota_exceeded`: the longer wait is the true one. */
  readonly rejectedBy?: LimitRejection;
}

export interface RateLimiter {
  /**
   * Checks both limits and, only if both allow it, takes one unit of each: atomically, so
   * parallel sends can never overshoot. A refused call takes nothing. The numbers returned
   * are those after this call.
   */
  consume(check: LimitCheck): Promise<LimitDecision>;
  /** Gives back one daily unit of `day` (`YYYY-MM-DD`, the day it was taken); never below zero. */
  refundDaily(refund: { readonly userId: string; readonly day: string }): Promise<void>;
  /** The same numbers as `consume` would start from; takes nothing. */
  peek(check: LimitCheck): Promise<LimitsSnapshot>;
}
