import type { ChatLimitsPolicy } from '../../domain/limits/chat-limits-policy.js';
import type { DailyQuotaStatus, RateWindowStatus } from '../../domain/limits/limit-status.js';
import type { Clock } from '../ports/clock.port.js';
import type { RateLimiter } from './rate-limiter.port.js';

/** GET /chat/quota: admins have no numbers, only `unlimited: true`. */
export type ChatQuotaView =
  | { readonly unlimited: true; readonly rateLimit: null; readonly dailyQuota: null }
  | {
      readonly unlimited: false;
      readonly rateLimit: RateWindowStatus;
      readonly dailyQuota: DailyQuotaStatus;
      /** When the numbers were read: the seconds-to-reset that the limit headers show count from here. */
      readonly at: Date;
    };

/** How much the user has left and when it resets; reading takes nothing. */
export class GetChatQuota {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly policy: ChatLimitsPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(input: { readonly userId: string; readonly role: string }): Promise<ChatQuotaView> {
    if (this.policy.isUnlimited(input.role)) return { unlimited: true, rateLimit: null, dailyQuota: null };
    const now = this.clock.now();
    const snapshot = await this.limiter.peek({
      userId: input.userId,
      now,
      perMinute: this.policy.limitsFor(input.role).perMinute,
      daily: this.policy.limitsFor(input.role).dailyMessages,
    });
    return { unlimited: false, rateLimit: snapshot.rate, dailyQuota: snapshot.daily, at: now };
  }
}
