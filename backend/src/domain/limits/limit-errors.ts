import { DomainError } from '../shared/domain-error.js';
import type { LimitRejection, LimitsSnapshot } from './limit-status.js';
import { retryAfterSeconds } from './utc-windows.js';

export interface LimitNumbers {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: Date;
}

/** The numbers the problem body shows: resetAt as an ISO 8601 UTC string, like every timestamp. */
function detailsOf(numbers: LimitNumbers): Record<string, unknown> {
  return { limit: numbers.limit, remaining: numbers.remaining, resetAt: numbers.resetAt.toISOString() };
}

/**
 * Too many requests in the current window (the chat per-minute limit; login throttling may
 * raise it too). `retryAfterSeconds` is rounded up from `resetAt`, never earlier.
 */
export class RateLimited extends DomainError {
  readonly code = 'rate_limited';
  readonly retryAfterSeconds: number;

  /** `limits`: both limits at the time of the refusal, when known, so a 429 can carry every limit header. */
  constructor(
    numbers: LimitNumbers,
    now: Date,
    readonly limits?: LimitsSnapshot,
  ) {
    super(`Too many requests: the limit is ${numbers.limit} per minute.`, detailsOf(numbers));
    this.retryAfterSeconds = retryAfterSeconds(now, numbers.resetAt);
  }
}

/** The daily message quota is used up until the next UTC midnight. */
export class QuotaExceeded extends DomainError {
  readonly code = 'quota_exceeded';
  readonly retryAfterSeconds: number;

  constructor(
    numbers: LimitNumbers,
    now: Date,
    readonly limits?: LimitsSnapshot,
  ) {
    super(
      `The daily quota of ${numbers.limit} messages is used up; it resets at midnight UTC.`,
      detailsOf(numbers),
    );
    this.retryAfterSeconds = retryAfterSeconds(now, numbers.resetAt);
  }
}

/** The error for a refused send, carrying the numbers of the limit that refused it. */
export function limitExceeded(
  rejectedBy: LimitRejection,
  limits: LimitsSnapshot,
  now: Date,
): RateLimited | QuotaExceeded {
  return rejectedBy === 'quota_exceeded'
    ? new QuotaExceeded(limits.daily, now, limits)
    : new RateLimited(limits.rate, now, limits);
}
