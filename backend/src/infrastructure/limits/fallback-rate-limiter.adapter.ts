import { RateLimited } from '../../domain/limits/limit-errors.js';
import type { LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { minuteWindow } from '../../domain/limits/utc-windows.js';
import { ServiceUnavailable } from '../../domain/shared/domain-error.js';
import type { LimitCheck, LimitDecision, RateLimiter } from '../../application/limits/rate-limiter.port.js';
import { ExpiringCounters } from './expiring-counters.js';
import { rateKey } from './limit-keys.js';
import { notify, PrimaryProbe } from './primary-probe.js';

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
 * Recovery is automatic (PrimaryProbe): after a failure Redis is left alone for
 * `probeIntervalMs`, the next call after that tries it again, and the first success ends the
 * outage (`onRecover`). ioredis reconnects by itself meanwhile.
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
  private readonly probe: PrimaryProbe;
  private readonly retryAfter: number;

  constructor(
    private readonly primary: RateLimiter,
    private readonly options: FallbackRateLimiterOptions = {},
  ) {
    this.probe = new PrimaryProbe(options.probeIntervalMs ?? 1_000, () => options.onRecover?.());
    this.retryAfter = options.retryAfterSeconds ?? 5;
  }

  /** True between a failure and the next success. */
  get degraded(): boolean {
    return this.probe.degraded;
  }

  async consume(check: LimitCheck): Promise<LimitDecision> {
    const answer = await this.probe.attempt(check.now.getTime(), () => this.primary.consume(check));
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
    const answer = await this.probe.attempt(undefined, () => this.primary.refundDaily(refund));
    if (!answer.ok) this.report('refund');
  }

  async peek(check: LimitCheck): Promise<LimitsSnapshot> {
    const answer = await this.probe.attempt(check.now.getTime(), () => this.primary.peek(check));
    if (answer.ok) return answer.value;
    this.report('peek');
    throw this.unavailable();
  }

  private unavailable(): ServiceUnavailable {
    return new ServiceUnavailable(
      'Limits cannot be checked right now, so chat is paused; please retry shortly.',
      this.retryAfter,
    );
  }

  private report(operation: LimiterFallbackOperation): void {
    notify(() => this.options.onFallback?.(operation, this.probe.lastError));
  }
}
