import type { ChatQuotaCharge } from './consume-chat-quota.use-case.js';
import type { RateLimiter } from './rate-limiter.port.js';

/**
 * Gives the daily unit back when the model failed before answering anything (the user got
 * nothing for it). The per-minute unit is kept on purpose: the request did reach us, and a
 * client retrying a failing model in a loop should still be slowed down.
 */
export class RefundChatQuota {
  constructor(private readonly limiter: RateLimiter) {}

  async execute(input: { readonly userId: string; readonly charge: ChatQuotaCharge }): Promise<void> {
    if (input.charge.unlimited) return;
    await this.limiter.refundDaily({ userId: input.userId, day: input.charge.day });
  }
}
