import { RateLimited } from '../../domain/limits/limit-errors.js';
import type { LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { minuteWindow } from '../../domain/limits/utc-windows.js';
import { ServiceUnavailable } from '../../domain/shared/domain-error.js';
import type { LimitCheck, LimitDecision, RateLimiter } from '../../application/limits/rate-limiter.port.js';
import { ExpiringCounters } from './expiring-counters.js';
import { rateKey } from './limit-keys.js';

/*
 * What the limits do while Redis does not answer.
 *
 * The daily quota FAILS CLOSED: every send is refused with 503 `service_unavailable` and a
 * Retry-After. The daily quota is what bounds the money spent on the model, and no instance
 * can know a user's count for today without the shared store; allowing sends blindly for the
 * length of an outage (multiplied by the number of instances) would put an unbounded bill in
 * the hands of any client, while refusing costs users a few minutes of chat. Chat is the
 * only thing that stops: everything else (sign-in, sessions, history) keeps working.
 *
 * The per-minute limit FALLS BACK to a count kept in this instance. While the daily quota is
 * closed no send goes through anyway, so here it counts ATTEMPTS: a client hammering the
 * 503 gets 429 `rate_limited` with the real minute reset after `perMinute` tries, which
 * slows retry storms against a Redis that is trying to come back. It is per instance: with
 * N instances behind a load balancer a user may try N × perMinute times a minute.
 *
 * Recovery is automatic: after a failure Redis is left alone for `probeIntervalMs` (a hung
 * Redis costs the 500 ms command timeout per call; a closed connection fails at once, since
 * the client has no offline queue); the next call after that tries Redis again, and the
 * first success ends the outage (`onRecover`). ioredis reconnects by itself meanwhile.
 *
 * Known cost: a consume whose reply timed out may still have run in Redis, so the user can
 * lose one unit to an outage. Refunds during an outage are dropped (reported, not thrown:
 * a refund runs on an error path and must not hide the original error). GET /chat/quota
 * answers 503 too: half the numbers would be a guess.
 */
export type LimiterFallbackOperation = 'consume' | 'peek' | 'refund';

export interface FallbackRateLimiterOptions {
  /** How long Redis is left alone after a failure before a call tries it again. */
  readonly probeIntervalMs?: number;
  /** Retry-After of the 503 while the daily quota is closed. */
  readonly retryAfterSeconds?: number;
  /** Once per call answered without Redis (count it: `limiter_fallback_total{operation}`). */
  readonly onFallback?: (operation: LimiterFallbackOperation, error: unknown) => void;
  /** Once when Redis answers again after a failure. */
  readonly onRecover?: () => void;
}

export class FallbackRateLimiter implements RateLimiter {
  private readonly localMinutes = new ExpiringCounters();
  private down = false;
  /** When the last timed failure happened; calls skip Redis until probeIntervalMs after it. */
  private failedAtMs: number | undefined;
  private lastError: unknown;
  private readonly probeIntervalMs: number;
  private readonly retryAfter: number;

  constructor(
    private readonly primary: RateLimiter,
    private readonly options: FallbackRateLimiterOptions = {},
  ) {
    this.probeIntervalMs = options.probeIntervalMs ?? 1_000;
    this.retryAfter = options.retryAfterSeconds ?? 5;
  }

  /** True between a failure and the next success. */
  get degraded(): boolean {
    return this.down;
  }

  async consume(check: LimitCheck): Promise<LimitDecision> {
    const answer = await this.tryPrimary(check.now.getTime(), () => this.primary.consume(check));
    if (answer.ok) return answer.value;
    this.report('consume');
    const nowMs = check.now.getTime();
    const window = minuteWindow(check.now);
    const key = rateKey(check.userId, window);
    const attempts = this.localMinutes.get(key, nowMs)?.count ?? 0;
    if (attempts >= check.perMinute) {
      throw new RateLimited({ limit: check.perMinute, remaining: 0, resetAt: window.endsAt }, check.now);
    }
    this.localMinutes.increment(key, nowMs, window.endsAt.getTime());
    throw this.unavailable();
  }

  async refundDaily(refund: { userId: string; day: string }): Promise<void> {
    // No `now` here, so no waiting period: a refund always tries (it is rare and on an error path).
    const answer = await this.tryPrimary(undefined, () => this.primary.refundDaily(refund));
    if (!answer.ok) this.report('refund');
  }

  async peek(check: LimitCheck): Promise<LimitsSnapshot> {
    const answer = await this.tryPrimary(check.now.getTime(), () => this.primary.peek(check));
    if (answer.ok) return answer.value;
    this.report('peek');
    throw this.unavailable();
  }

  private async tryPrimary<T>(
    nowMs: number | undefined,
    call: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    const failedAt = this.failedAtMs;
    // Within the waiting period, skip Redis. A clock that went backwards ends the wait.
    if (
      this.down &&
      nowMs !== undefined &&
      failedAt !== undefined &&
      nowMs >= failedAt &&
      nowMs < failedAt + this.probeIntervalMs
    ) {
      return { ok: false };
    }
    try {
      const value = await call();
      if (this.down) {
        this.down = false;
        this.failedAtMs = undefined;
        this.notify(() => this.options.onRecover?.());
      }
      return { ok: true, value };
    } catch (error) {
      // Any failure counts as an outage, a Redis error reply too (OOM, READONLY, LOADING…):
      // failing closed is safe, and onFallback gets the error so a real bug is still seen.
      this.lastError = error;
      this.down = true;
      // A refund has no `now`: it marks the outage without starting a waiting period.
      if (nowMs !== undefined) this.failedAtMs = nowMs;
      return { ok: false };
    }
  }

  private unavailable(): ServiceUnavailable {
    return new ServiceUnavailable(
      'Limits cannot be checked right now, so chat is paused; please retry shortly.',
      this.retryAfter,
    );
  }

  private report(operation: LimiterFallbackOperation): void {
    this.notify(() => this.options.onFallback?.(operation, this.lastError));
  }

  /** A metrics callback that throws must not turn a 503 into a 500. */
  private notify(callback: () => void): void {
    try {
      callback();
    } catch {
      // ignored on purpose
    }
  }
}
