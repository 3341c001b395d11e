import { describe, expect, it } from 'vitest';
import { ConsumeChatQuota } from '../../../src/application/limits/consume-chat-quota.use-case.js';
import { GetChatQuota } from '../../../src/application/limits/get-chat-quota.use-case.js';
import type { RateLimiter } from '../../../src/application/limits/rate-limiter.port.js';
import { RefundChatQuota } from '../../../src/application/limits/refund-chat-quota.use-case.js';
import { ChatLimitsPolicy } from '../../../src/domain/limits/chat-limits-policy.js';
import { InProcessRateLimiter } from '../../../src/infrastructure/limits/in-process-rate-limiter.adapter.js';
import { TestClock as ManualClock } from '../../support/test-clock.js';

const policy = new ChatLimitsPolicy(2, 5);
const at = (iso: string) => new Date(`2031-06-01T${iso}Z`);

/** A port that must never be called: admins do not touch the store. */
const untouchable: RateLimiter = {
  consume: () => Promise.reject(new Error('consume called')),
  refundDaily: () => Promise.reject(new Error('refundDaily called')),
  peek: () => Promise.reject(new Error('peek called')),
};

describe('chat quota use cases', () => {
  it('let admins through without counting, and show them as unlimited', async () => {
    const clock = new ManualClock(at('10:00:00.000'));
    const charge = await new ConsumeChatQuota(untouchable, policy, clock).execute({
      userId: 'a',
      role: 'admin',
    });
    expect(charge).toEqual({ unlimited: true });
    await new RefundChatQuota(untouchable).execute({ userId: 'a', charge });
    expect(
      await new GetChatQuota(untouchable, policy, clock).execute({ userId: 'a', role: 'admin' }),
    ).toEqual({
      unlimited: true,
      rateLimit: null,
      dailyQuota: null,
    });
  });

  it('charge users, show what is left, and refund the daily unit', async () => {
    const limiter = new InProcessRateLimiter();
    const clock = new ManualClock(at('10:00:30.000'));
    const consume = new ConsumeChatQuota(limiter, policy, clock);
    const quota = new GetChatQuota(limiter, policy, clock);

    const charge = await consume.execute({ userId: 'u', role: 'user' });
    expect(charge).toEqual({
      unlimited: false,
      day: '2031-06-01',
      rate: { limit: 2, remaining: 1, resetAt: at('10:01:00.000') },
      daily: { limit: 5, used: 1, remaining: 4, resetAt: new Date('2031-06-02T00:00:00.000Z') },
      at: at('10:00:30.000'),
    });
    await new RefundChatQuota(limiter).execute({ userId: 'u', charge });
    expect(await quota.execute({ userId: 'u', role: 'user' })).toEqual({
      unlimited: false,
      rateLimit: { limit: 2, remaining: 1, resetAt: at('10:01:00.000') },
      dailyQuota: { limit: 5, used: 0, remaining: 5, resetAt: new Date('2031-06-02T00:00:00.000Z') },
      at: at('10:00:30.000'),
    });
  });
});

describe('ChatLimitsPolicy: per-role overrides (CHAT_LIMITS_BY_ROLE)', () => {
  it('admins are unlimited by default; other roles get the defaults', () => {
    const policy = new ChatLimitsPolicy(10, 100);
    expect(policy.isUnlimited('admin')).toBe(true);
    expect(policy.isUnlimited('user')).toBe(false);
    expect(policy.limitsFor('user')).toEqual({ perMinute: 10, dailyMessages: 100 });
  });

  it('a role can get its own numbers, and admins can be limited like everyone', () => {
    const policy = new ChatLimitsPolicy(10, 100, { user: { perMinute: 3, dailyMessages: 7 } });
    expect(policy.isUnlimited('admin')).toBe(false);
    expect(policy.limitsFor('admin')).toEqual({ perMinute: 10, dailyMessages: 100 });
    expect(policy.limitsFor('user')).toEqual({ perMinute: 3, dailyMessages: 7 });
  });

  it("consumes against the role's own numbers", async () => {
    const clock = new ManualClock(new Date('2031-01-15T12:00:00Z'));
    const consume = new ConsumeChatQuota(
      new InProcessRateLimiter(),
      new ChatLimitsPolicy(10, 100, { user: { perMinute: 2, dailyMessages: 50 } }),
      clock,
    );
    const first = await consume.execute({ userId: 'u', role: 'user' });
    expect(first).toMatchObject({
      unlimited: false,
      rate: { limit: 2, remaining: 1 },
      daily: { limit: 50, remaining: 49 },
    });
    await consume.execute({ userId: 'u', role: 'user' });
    await expect(consume.execute({ userId: 'u', role: 'user' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });
});
