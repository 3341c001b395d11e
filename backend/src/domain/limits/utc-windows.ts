/**
 * The calendar of the limits, as pure functions of an instant.
 *
 * Everything here is arithmetic on epoch milliseconds plus `toISOString()`, which is always
 * UTC: no local-time getter is used, so the answers cannot depend on the process time zone
 * (TZ=America/Los_Angeles gives the same keys and resets as TZ=UTC). JavaScript time has no
 * leap seconds, so a UTC day is exactly 86 400 000 ms and a minute exactly 60 000 ms.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface MinuteWindow {
  /** `YYYY-MM-DDTHH:MM` (UTC): names the window in storage keys, readable in redis-cli. */
  readonly key: string;
  readonly startsAt: Date;
  /** The first instant of the next window: the per-minute reset. */
  readonly endsAt: Date;
}

/** The fixed, clock-aligned minute that `now` falls in. */
export function minuteWindow(now: Date): MinuteWindow {
  const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const startsAt = new Date(start);
  return { key: startsAt.toISOString().slice(0, 16), startsAt, endsAt: new Date(start + MINUTE_MS) };
}

/** `YYYY-MM-DD` of the UTC day that `now` falls in: the daily quota's bucket. */
export function utcDayKey(now: Date): string {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** The next UTC midnight strictly after `now` (at 00:00:00.000 itself, the one a day later). */
export function nextUtcMidnight(now: Date): Date {
  return new Date((Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS);
}

/**
 * Seconds a client must wait for `resetAt`, rounded UP so that a Retry-After is never earlier
 * than the reset (100 ms before midnight → 1), and at least 1 (0 would invite a busy loop).
 */
export function retryAfterSeconds(now: Date, resetAt: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

/** Epoch seconds for X-RateLimit-Reset / X-Daily-Quota-Reset (rounded up, never early). */
export function epochSeconds(at: Date): number {
  return Math.ceil(at.getTime() / 1000);
}
