export interface WindowCount {
  /** Hits in the current window, this one included. */
  readonly count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  readonly resetInMs: number;
}

/**
 * Fixed-window counters with expiry: login throttling counts failures per email and per IP
 * with it. Redis when configured (shared by every instance), in process otherwise.
 */
export interface CounterStore {
  /** Adds one to `key`; the window starts at the first hit and lasts `windowMs`. */
  increment(key: string, windowMs: number): Promise<WindowCount>;
  /** The current count (0 when the window has ended or never started). */
  peek(key: string): Promise<WindowCount>;
  reset(key: string): Promise<void>;
}
