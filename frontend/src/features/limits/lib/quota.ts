/*
 * The quota as the UI reads it: for each window (today, this minute) how much is used, the
 * level (ok, warning from 80% used, exhausted) and when it resets.
 */
import type { ApiError } from '@/lib/api/api-error';
import type { Schemas } from '@/lib/api/types';

type Quota = Schemas['QuotaDto'];

export type Level = 'ok' | 'warning' | 'exhausted';

export const WARNING_AT = 0.8;

export interface LimitWindow {
  kind: 'day' | 'minute';
  used: number;
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetAt: number;
  level: Level;
}

export function levelOf(used: number, limit: number, remaining: number): Level {
  if (remaining <= 0) return 'exhausted';
  return limit > 0 && used / limit >= WARNING_AT ? 'warning' : 'ok';
}

export function windowsOf(quota: Quota | undefined): { day: LimitWindow | null; minute: LimitWindow | null } {
  const day = quota?.dailyQuota;
  const minute = quota?.rateLimit;
  return {
    day: day
      ? {
          kind: 'day',
          used: day.used,
          limit: day.limit,
          remaining: day.remaining,
          resetAt: Date.parse(day.resetAt),
          level: levelOf(day.used, day.limit, day.remaining),
        }
      : null,
    minute: minute
      ? {
          kind: 'minute',
          used: minute.limit - minute.remaining,
          limit: minute.limit,
          remaining: minute.remaining,
          resetAt: Date.parse(minute.resetAt),
          level: levelOf(minute.limit - minute.remaining, minute.limit, minute.remaining),
        }
      : null,
  };
}

/** The window that blocks sending now (the day's when both do: it lasts longer). */
export function blockingWindow(quota: Quota | undefined): LimitWindow | null {
  const { day, minute } = windowsOf(quota);
  if (day?.level === 'exhausted') return day;
  if (minute?.level === 'exhausted') return minute;
  return null;
}

/** When the numbers next change by themselves: the earliest reset of a window in use. */
export function nextResetOf(quota: Quota | undefined): number | null {
  const { day, minute } = windowsOf(quota);
  const times = [day, minute]
    .filter((w): w is LimitWindow => w !== null && w.used > 0 && Number.isFinite(w.resetAt))
    .map((w) => w.resetAt);
  return times.length ? Math.min(...times) : null;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The quota after a 429 said which limit refused the send, and until when. */
export function withLimitError(
  quota: Quota | undefined,
  error: ApiError,
  now = Date.now(),
): Quota | undefined {
  if (error.status !== 429) return quota;
  const limit = num(error.extensions.limit);
  const resetAt =
    str(error.extensions.resetAt) ??
    (error.retryAfter !== undefined ? new Date(now + error.retryAfter * 1000).toISOString() : undefined);
  if (!resetAt) return quota;
  const base: Quota = quota ?? { unlimited: false, rateLimit: null, dailyQuota: null };
  if (error.code === 'quota_exceeded') {
    const dailyLimit = limit ?? base.dailyQuota?.limit ?? 0;
    return {
      ...base,
      unlimited: false,
      dailyQuota: { limit: dailyLimit, used: dailyLimit, remaining: 0, resetAt },
    };
  }
  if (error.code === 'rate_limited') {
    const minuteLimit = limit ?? base.rateLimit?.limit ?? 0;
    return { ...base, unlimited: false, rateLimit: { limit: minuteLimit, remaining: 0, resetAt } };
  }
  return quota;
}

/** "4:05" or "1:02:03" until a reset. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** "about 5 hours", "3 minutes", "40 seconds": the countdown in words, for screen readers. */
export function describeDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s >= 3600) {
    const hours = Math.round(s / 3600);
    return `about ${hours} hour${hours === 1 ? '' : 's'}`;
  }
  if (s >= 60) {
    const minutes = Math.ceil(s / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${s} second${s === 1 ? '' : 's'}`;
}
