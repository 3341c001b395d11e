import type { ChatLimitsPolicy } from '../../domain/limits/chat-limits-policy.js';
import { limitExceeded } from '../../domain/limits/limit-errors.js';
import type { DailyQuotaStatus, RateWindowStatus } from '../../domain/limits/limit-status.js';
import { utcDayKey } from '../../domain/limits/utc-windows.js';
import type { Clock } from '../ports/clock.port.js';
import type { RateLimiter } from './rate-limiter.port.js';

/** What a send was charged: keep it for the limit headers and for a refund if the model fails. */
export type ChatQuotaCharge =
  | { readonly unlimited: true }
  | {
      readonly unlimited: false;
      /** The UTC day the unit was taken from: a refund after midnight goes back to that day. */
      readonly day: string;
      readonly rate: RateWindowStatus;
      readonly daily: DailyQuotaStatus;
      /** When the unit was taken: the seconds-to-reset that the limit headers show count from here. */
      readonly at: Date;
    };

/**
 * Takes one send from the user's per-minute limit and daily quota, or throws RateLimited /
 * QuotaExceeded (both carry the numbers and Retry-After). Admins pass without touching the store.
 * Runs last among the send checks, so a request refused for any other reason costs nothing.
 */
export class ConsumeChatQuota {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly policy: ChatLimitsPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(input: { readonly userId: string; readonly role: string }): Promise<ChatQuotaCharge> {
    if (this.policy.isUnlimited(input.role)) return { unlimited: true };
    const now = this.clock.now();
    const decision = await this.limiter.consume({
      userId: input.userId,
      now,
      perMinute: this.policy.limitsFor(input.role).perMinute,
      daily: this.policy.limitsFor(input.role).dailyMessages,
    });
    if (!decision.allowed) throw limitExceeded(decision.rejectedBy ?? 'rate_limited', decision, now);
    return { unlimited: false, day: utcDayKey(now), rate: decision.rate, daily: decision.daily, at: now };
  }
}
