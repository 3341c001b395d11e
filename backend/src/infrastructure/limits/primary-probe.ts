/**
 * When to ask a shared store (Redis) that has just failed, and when to answer without it.
 *
 * After a failure the store is left alone for `probeIntervalMs` (a hung Redis costs the 500 ms
 * command timeout per call; a closed connection fails at once, since the client has no offline
 * queue); the next call after that tries it again, and the first success ends the outage.
 * Any failure counts, an error reply too (OOM, READONLY, LOADING…): every caller has a safe
 * answer without the store, and `lastError` keeps the cause so a real bug is still reported.
 */
export class PrimaryProbe {
  private down = false;
  /** When the last timed failure happened; calls skip the store until probeIntervalMs after it. */
  private failedAtMs: number | undefined;
  lastError: unknown;

  constructor(
    private readonly probeIntervalMs: number,
    private readonly onRecover: () => void = () => {},
  ) {}

  /** True between a failure and the next success. */
  get degraded(): boolean {
    return this.down;
  }

  /**
   * `call`'s answer, or `{ ok: false }` when the store failed or is within its waiting period.
   * Without `nowMs` (a call that must always try, such as a refund) no waiting period starts.
   */
  async attempt<T>(
    nowMs: number | undefined,
    call: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    const failedAt = this.failedAtMs;
    // Within the waiting period, skip the store. A clock that went backwards ends the wait.
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
        notify(this.onRecover);
      }
      return { ok: true, value };
    } catch (error) {
      this.lastError = error;
      this.down = true;
      if (nowMs !== undefined) this.failedAtMs = nowMs;
      return { ok: false };
    }
  }
}

/** A metrics or logging callback that throws must not turn a safe answer into a 500. */
export function notify(callback: () => void): void {
  try {
    callback();
  } catch {
    // ignored on purpose
  }
}
