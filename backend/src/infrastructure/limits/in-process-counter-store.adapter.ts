import { systemClock, type Clock } from '../../application/ports/clock.port.js';
import type { CounterStore, WindowCount } from '../../application/ports/counter-store.port.js';
import { ExpiringCounters } from './expiring-counters.js';

/** CounterStore of a single instance without REDIS_URL: fixed windows from the first hit, swept as they expire. */
export class InProcessCounterStore implements CounterStore {
  private readonly counters: ExpiringCounters;

  constructor(
    private readonly clock: Clock = systemClock,
    options: { sweepEveryMs?: number } = {},
  ) {
    this.counters = new ExpiringCounters(options.sweepEveryMs);
  }

  get trackedKeys(): number {
    return this.counters.size;
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    if (!Number.isSafeInteger(windowMs) || windowMs < 1)
      throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
    const nowMs = this.clock.now().getTime();
    const entry = this.counters.increment(key, nowMs, nowMs + windowMs);
    return { count: entry.count, resetInMs: entry.expiresAt - nowMs };
  }

  async peek(key: string): Promise<WindowCount> {
    const nowMs = this.clock.now().getTime();
    const entry = this.counters.get(key, nowMs);
    return entry ? { count: entry.count, resetInMs: entry.expiresAt - nowMs } : { count: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }
}
