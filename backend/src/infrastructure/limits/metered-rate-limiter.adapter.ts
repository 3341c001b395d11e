import type { LimitCheck, LimitDecision, RateLimiter } from '../../application/limits/rate-limiter.port.js';
import type { LimitsSnapshot } from '../../domain/limits/limit-status.js';
import { ServiceUnavailable } from '../../domain/shared/domain-error.js';

/** Counts refused sends by kind for Prometheus; otherwise passes every call through unchanged. */
export class MeteredRateLimiter implements RateLimiter {
  constructor(
    private readonly inner: RateLimiter,
    private readonly rejected: (kind: 'rate_limited' | 'quota_exceeded' | 'service_unavailable') => void,
  ) {}

  async consume(check: LimitCheck): Promise<LimitDecision> {
    try {
      const decision = await this.inner.consume(check);
      if (decision.rejectedBy) this.rejected(decision.rejectedBy);
      return decision;
    } catch (error) {
      if (error instanceof ServiceUnavailable) this.rejected('service_unavailable');
      throw error;
    }
  }

  refundDaily(refund: { userId: string; day: string }): Promise<void> {
    return this.inner.refundDaily(refund);
  }

  peek(check: LimitCheck): Promise<LimitsSnapshot> {
    return this.inner.peek(check);
  }
}
