import type { ChatQuotaView } from '../../application/limits/get-chat-quota.use-case.js';

export interface RateLimitDto {
  /** Sends allowed per clock minute. */
  limit: number;
  remaining: number;
  /** @format date-time */
  resetAt: string;
}

export interface DailyQuotaDto {
  /** Messages allowed per UTC day. */
  limit: number;
  used: number;
  remaining: number;
  /** The next UTC midnight. @format date-time */
  resetAt: string;
}

export interface QuotaDto {
  /** Null for admins (unlimited). */
  rateLimit: RateLimitDto | null;
  /** Null for admins (unlimited). */
  dailyQuota: DailyQuotaDto | null;
  unlimited: boolean;
}

export const toQuotaDto = (view: ChatQuotaView): QuotaDto =>
  view.unlimited
    ? { rateLimit: null, dailyQuota: null, unlimited: true }
    : {
        unlimited: false,
        rateLimit: { ...view.rateLimit, resetAt: view.rateLimit.resetAt.toISOString() },
        dailyQuota: { ...view.dailyQuota, resetAt: view.dailyQuota.resetAt.toISOString() },
      };
