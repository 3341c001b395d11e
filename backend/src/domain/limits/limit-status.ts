/** Where a user stands against the per-minute limit: what the X-RateLimit-* headers show. */
export interface RateWindowStatus {
  readonly limit: number;
  readonly remaining: number;
  /** When the current minute window ends and the count starts again. */
  readonly resetAt: Date;
}

/** Where a user stands against the daily quota: what the X-Daily-Quota-* headers show. */
export interface DailyQuotaStatus {
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** The next UTC midnight. */
  readonly resetAt: Date;
}

/** Both limits at one instant, read from one place (so the two numbers agree). */
export interface LimitsSnapshot {
  readonly rate: RateWindowStatus;
  readonly daily: DailyQuotaStatus;
}

export type LimitRejection = 'rate_limited' | 'quota_exceeded';
