import { systemClock, type Clock } from '../../application/ports/clock.port.js';
import type { CounterStore, WindowCount } from '../../application/ports/counter-store.port.js';
import { notify, PrimaryProbe } from './primary-probe.js';

export interface FallbackCounterStoreOptions {
  /** How long Redis is left alone after a failure before a call tries it again. */
  readonly probeIntervalMs?: number;
  /** Once when an outage starts (log it: sign-in throttling is per instance until it ends). */
  readonly onFallback?: (error: unknown) => void;
  /** Once when Redis answers again after a failure. */
  readonly onRecover?: () => void;
}

/*
 * Sign-in throttling while Redis does not answer: the counts FALL BACK to this instance.
 * Unlike the daily quota (which fails closed: it bounds the money spent on the model), the
 * throttle only slows password guessing, and refusing every sign-in for the length of an
 * outage would lock everyone out. So sign-in keeps working, throttled per instance: with N
 * instances a guesser gets N times the attempts until Redis is back. Counts made during the
 * outage stay in this instance; Redis's older counts are used again once it answers.
 */
export class FallbackCounterStore implements CounterStore {
  private readonly probe: PrimaryProbe;
  private outage = false;

  constructor(
    private readonly primary: CounterStore,
    private readonly local: CounterStore,
    private readonly options: FallbackCounterStoreOptions = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.probe = new PrimaryProbe(options.probeIntervalMs ?? 1_000, () => {
      this.outage = false;
      options.onRecover?.();
    });
  }

  increment(key: string, windowMs: number): Promise<WindowCount> {
    return this.either(
      () => this.primary.increment(key, windowMs),
      () => this.local.increment(key, windowMs),
    );
  }

  peek(key: string): Promise<WindowCount> {
    return this.either(
      () => this.primary.peek(key),
      () => this.local.peek(key),
    );
  }

  reset(key: string): Promise<void> {
    return this.either(
      () => this.primary.reset(key),
      () => this.local.reset(key),
    );
  }

  private async either<T>(primary: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    const answer = await this.probe.attempt(this.clock.now().getTime(), primary);
    if (answer.ok) return answer.value;
    if (!this.outage) {
      // Logged once per outage, not once per sign-in.
      this.outage = true;
      notify(() => this.options.onFallback?.(this.probe.lastError));
    }
    return local();
  }
}
