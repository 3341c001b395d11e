/**
 * Integer counters that expire, for the in-process stores. No timer: expired entries are
 * invisible at once and swept from the map at most once per `sweepEveryMs` of store time,
 * by the call that would grow the map, so memory follows the users active in the current
 * windows instead of growing forever. Every method is synchronous, which is what makes the
 * in-process check-and-take atomic (nothing can interleave between the check and the write).
 */
export class ExpiringCounters {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private lastSweepAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly sweepEveryMs = 60_000) {}

  /** Live entries and expired ones not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs: number): { count: number; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > nowMs ? entry : undefined;
  }

  /** Adds one; a new (or expired) entry starts at 1 and lives until `expiresAtIfNew`. */
  increment(key: string, nowMs: number, expiresAtIfNew: number): { count: number; expiresAt: number } {
    this.sweep(nowMs);
    const live = this.get(key, nowMs);
    if (live) {
      live.count += 1;
      return { ...live };
    }
    const fresh = { count: 1, expiresAt: expiresAtIfNew };
    this.entries.set(key, fresh);
    return { ...fresh };
  }

  /** Takes one away, never below zero; creates nothing. */
  decrement(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(nowMs: number): void {
    // Also sweeps when the clock went backwards (nowMs < lastSweepAt), so it never stalls.
    if (nowMs >= this.lastSweepAt && nowMs - this.lastSweepAt < this.sweepEveryMs) return;
    this.lastSweepAt = nowMs;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= nowMs) this.entries.delete(key);
  }
}
