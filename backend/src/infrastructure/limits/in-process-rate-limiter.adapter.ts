import type { LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { minuteWindow, nextUtcMidnight, utcDayKey } from '../../domain/limits/utc-windows.js';
import type { LimitCheck, LimitDecision, RateLimiter } from '../../application/limits/rate-limiter.port.js';
import { ExpiringCounters } from './expiring-counters.js';
import { dailyKey, rateKey, rejectionFor, snapshotOf } from './limit-keys.js';

/**
 * The RateLimiter of a single instance without REDIS_URL: same contract as the Redis one,
 * counted in this process (so N instances would each allow the full limits). Keys and
 * windows are the Redis ones; entries expire at their window's end.
 */
export class InProcessRateLimiter implements RateLimiter {
  private readonly counters: ExpiringCounters;

  constructor(options: { sweepEveryMs?: number } = {}) {
    this.counters = new ExpiringCounters(options.sweepEveryMs);
  }

  /** Entries held right now (expired ones included until the next sweep). */
  get trackedKeys(): number {
    return this.counters.size;
  }

  async consume(check: LimitCheck): Promise<LimitDecision> {
    const nowMs = check.now.getTime();
    const window = minuteWindow(check.now);
    const minuteKey = rateKey(check.userId, window);
    const dayKey = dailyKey(check.userId, utcDayKey(check.now));
    const rateUsed = this.counters.get(minuteKey, nowMs)?.count ?? 0;
    const dailyUsed = this.counters.get(dayKey, nowMs)?.count ?? 0;
    const rejectedBy = rejectionFor(check, rateUsed, dailyUsed);
    if (rejectedBy) return { allowed: false, rejectedBy, ...snapshotOf(check, rateUsed, dailyUsed) };
    const rate = this.counters.increment(minuteKey, nowMs, window.endsAt.getTime()).count;
    const daily = this.counters.increment(dayKey, nowMs, nextUtcMidnight(check.now).getTime()).count;
    return { allowed: true, ...snapshotOf(check, rate, daily) };
  }

  async refundDaily(refund: { userId: string; day: string }): Promise<void> {
    this.counters.decrement(dailyKey(refund.userId, refund.day));
  }

  async peek(check: LimitCheck): Promise<LimitsSnapshot> {
    const nowMs = check.now.getTime();
    const rateUsed = this.counters.get(rateKey(check.userId, minuteWindow(check.now)), nowMs)?.count ?? 0;
    const dailyUsed = this.counters.get(dailyKey(check.userId, utcDayKey(check.now)), nowMs)?.count ?? 0;
    return snapshotOf(check, rateUsed, dailyUsed);
  }
}
