import { describe, expect, it } from 'vitest';
import { ApiError, parseProblem } from '@/lib/api/api-error';
import { makeQuota } from '@/test/chat';
import { blockingWindow, formatCountdown, levelOf, nextResetOf, withLimitError } from './quota';

const limitError = (code: string, extensions: Record<string, unknown>, retryAfter?: number) =>
  new ApiError(parseProblem({ code, title: 'Too many requests', ...extensions }, 429), retryAfter);

describe('quota levels', () => {
  it('warns from 80% used and is exhausted with nothing left', () => {
    expect(levelOf(79, 100, 21)).toBe('ok');
    expect(levelOf(80, 100, 20)).toBe('warning');
    expect(levelOf(100, 100, 0)).toBe('exhausted');
    expect(levelOf(8, 10, 2)).toBe('warning');
  });

  it('blocks on the day before the minute, and refreshes at the first reset of a window in use', () => {
    const quota = makeQuota({
      dayUsed: 100,
      minuteUsed: 10,
      dayResetAt: '2026-03-02T00:00:00.000Z',
      minuteResetAt: '2026-03-01T10:01:00.000Z',
    });
    expect(blockingWindow(quota)?.kind).toBe('day');
    expect(nextResetOf(quota)).toBe(Date.parse('2026-03-01T10:01:00.000Z'));
    expect(nextResetOf(makeQuota({ dayUsed: 0, minuteUsed: 0 }))).toBeNull();
  });
});

describe('a 429 applied to the quota', () => {
  it('takes the daily numbers from the problem body', () => {
    const quota = withLimitError(
      makeQuota({ dayUsed: 99, dayLimit: 100 }),
      limitError('quota_exceeded', { limit: 100, remaining: 0, resetAt: '2026-03-02T00:00:00.000Z' }),
    );
    expect(quota?.dailyQuota).toEqual({
      limit: 100,
      used: 100,
      remaining: 0,
      resetAt: '2026-03-02T00:00:00.000Z',
    });
    expect(blockingWindow(quota)?.kind).toBe('day');
  });

  it('falls back to Retry-After when the body has no reset time', () => {
    const now = Date.parse('2026-03-01T10:00:20.000Z');
    const quota = withLimitError(undefined, limitError('rate_limited', { limit: 10 }, 40), now);
    expect(quota?.rateLimit).toEqual({ limit: 10, remaining: 0, resetAt: '2026-03-01T10:01:00.000Z' });
    expect(blockingWindow(quota)?.kind).toBe('minute');
  });

  it('leaves the quota alone for other errors', () => {
    const quota = makeQuota();
    const error = new ApiError(parseProblem({ code: 'llm_unavailable' }, 503), 20);
    expect(withLimitError(quota, error)).toBe(quota);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, and hours when there are some', () => {
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(formatCountdown(-3)).toBe('0:00');
    expect(formatCountdown(3723)).toBe('1:02:03');
  });
});
