import { describe, expect, it } from 'vitest';
import type {
  LimitCheck,
  LimitDecision,
  RateLimiter,
} from '../../../src/application/limits/rate-limiter.port.js';
import { ServiceUnavailable } from '../../../src/domain/shared/domain-error.js';
import { FallbackRateLimiter } from '../../../src/infrastructure/limits/fallback-rate-limiter.adapter.js';
import { InProcessRateLimiter } from '../../../src/infrastructure/limits/in-process-rate-limiter.adapter.js';

/** A store that can be switched off, counting the calls that reach it. */
class SwitchableStore implements RateLimiter {
  up = true;
  calls = 0;
  private readonly inner = new InProcessRateLimiter();
  private gate(): void {
    this.calls += 1;
    if (!this.up) throw new Error('Connection is closed.');
  }
  async consume(check: LimitCheck): Promise<LimitDecision> {
    this.gate();
    return this.inner.consume(check);
  }
  async refundDaily(refund: { userId: string; day: string }): Promise<void> {
    this.gate();
    return this.inner.refundDaily(refund);
  }
  async peek(check: LimitCheck) {
    this.gate();
    return this.inner.peek(check);
  }
}

const check = (iso: string): LimitCheck => ({
  userId: 'u',
  now: new Date(`2031-06-01T${iso}Z`),
  perMinute: 100,
  daily: 100,
});

describe('FallbackRateLimiter probing', () => {
  it('leaves the store alone for probeIntervalMs after a failure, then tries again and recovers once', async () => {
    const store = new SwitchableStore();
    const recovered: number[] = [];
    const limiter = new FallbackRateLimiter(store, {
      probeIntervalMs: 1_000,
      onRecover: () => recovered.push(store.calls),
    });
    store.up = false;
    await expect(limiter.consume(check('10:00:00.000'))).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(limiter.consume(check('10:00:00.999'))).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(store.calls).toBe(1);

    store.up = true;
    expect((await limiter.consume(check('10:00:01.000'))).allowed).toBe(true);
    expect((await limiter.consume(check('10:00:01.001'))).allowed).toBe(true);
    expect(store.calls).toBe(3);
    expect(recovered).toEqual([2]);
  });

  it('does not stay stuck when the clock steps backwards during an outage', async () => {
    const store = new SwitchableStore();
    const limiter = new FallbackRateLimiter(store, { probeIntervalMs: 60_000 });
    store.up = false;
    await expect(limiter.consume(check('10:00:00.000'))).rejects.toBeInstanceOf(ServiceUnavailable);
    store.up = true;
    expect((await limiter.consume(check('09:59:59.000'))).allowed).toBe(true);
  });

  it('keeps answering when the metrics callback throws', async () => {
    const store = new SwitchableStore();
    const limiter = new FallbackRateLimiter(store, {
      onFallback: () => {
        throw new Error('metrics broke');
      },
    });
    store.up = false;
    await expect(limiter.consume(check('10:00:00.000'))).rejects.toBeInstanceOf(ServiceUnavailable);
    await expect(limiter.refundDaily({ userId: 'u', day: '2031-06-01' })).resolves.toBeUndefined();
  });
});
