import { beforeEach, describe, expect, it } from 'vitest';
import { ConsumeChatQuota } from '../../../src/application/limits/consume-chat-quota.use-case.js';
import type { LimitCheck, RateLimiter } from '../../../src/application/limits/rate-limiter.port.js';
import { RefundChatQuota } from '../../../src/application/limits/refund-chat-quota.use-case.js';
import { ChatLimitsPolicy } from '../../../src/domain/limits/chat-limits-policy.js';
import { QuotaExceeded, RateLimited } from '../../../src/domain/limits/limit-errors.js';
import { retryAfterSeconds } from '../../../src/domain/limits/utc-windows.js';
import { ManualClock, testCalendar, uniqueId } from './limits-test-kit.js';

/**
 * What every RateLimiter must do, run against each adapter (Redis, in-process). `create` is
 * called before each test; every test uses its own user, so adapters may share a store.
 */
export function describeRateLimiterContract(
  name: string,
  create: () => Promise<RateLimiter> | RateLimiter,
): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const { at, day } = testCalendar();
    let limiter: RateLimiter;
    let user: string;
    const check = (now: Date, perMinute = 3, daily = 100): LimitCheck => ({
      userId: user,
      now,
      perMinute,
      daily,
    });

    beforeEach(async () => {
      limiter = await create();
      user = uniqueId();
    });

    it('allows perMinute sends in a minute, then refuses with rate_limited, the remaining count and the minute reset', async () => {
      const now = at('12:00:20.500');
      const remaining: number[] = [];
      for (let i = 0; i < 3; i++) {
        const decision = await limiter.consume(check(now));
        expect(decision.allowed).toBe(true);
        remaining.push(decision.rate.remaining);
      }
      expect(remaining).toEqual([2, 1, 0]);

      const refused = await limiter.consume(check(now));
      expect(refused).toMatchObject({
        allowed: false,
        rejectedBy: 'rate_limited',
        rate: { limit: 3, remaining: 0 },
      });
      expect(refused.rate.resetAt).toEqual(at('12:01:00.000'));
      expect(refused.daily).toMatchObject({
        limit: 100,
        used: 3,
        remaining: 97,
        resetAt: at('00:00:00.000', 1),
      });
      expect(retryAfterSeconds(now, refused.rate.resetAt)).toBe(40); // 39.5 s, rounded up
    });

    it('takes nothing on a refused call, whichever limit refused it', async () => {
      const now = at('09:30:00.000');
      for (let i = 0; i < 3; i++) await limiter.consume(check(now));
      for (let i = 0; i < 5; i++) expect((await limiter.consume(check(now))).rejectedBy).toBe('rate_limited');
      expect((await limiter.peek(check(now))).daily.used).toBe(3);

      const later = at('09:31:00.000');
      expect(await limiter.consume(check(later, 3, 4))).toMatchObject({
        allowed: true,
        daily: { used: 4, remaining: 0 },
      });
      for (let i = 0; i < 5; i++)
        expect((await limiter.consume(check(later, 3, 4))).rejectedBy).toBe('quota_exceeded');
      const after = await limiter.peek(check(later, 3, 4));
      expect(after.rate.remaining).toBe(2); // only the allowed send counted in this minute
      expect(after.daily.used).toBe(4);
    });

    it('refuses with quota_exceeded once the daily quota is used up, across minutes, resetting at the next UTC midnight', async () => {
      for (const [i, time] of ['08:00:00.000', '08:01:00.000', '08:02:00.000'].entries()) {
        const decision = await limiter.consume(check(at(time), 3, 3));
        expect(decision).toMatchObject({ allowed: true, daily: { limit: 3, used: i + 1, remaining: 2 - i } });
      }
      const refused = await limiter.consume(check(at('08:03:00.000'), 3, 3));
      expect(refused).toMatchObject({
        allowed: false,
        rejectedBy: 'quota_exceeded',
        daily: { used: 3, remaining: 0 },
      });
      expect(refused.daily.resetAt).toEqual(at('00:00:00.000', 1));
      expect(refused.rate.remaining).toBe(3); // the refused call took no per-minute unit either
    });

    it('answers quota_exceeded when both limits are exhausted: the wait until midnight is the true one', async () => {
      const now = at('10:00:00.000');
      for (let i = 0; i < 2; i++) await limiter.consume(check(now, 2, 2));
      expect((await limiter.consume(check(now, 2, 2))).rejectedBy).toBe('quota_exceeded');
    });

    it('starts a new per-minute window at the minute boundary (clock moved), while the daily count carries on', async () => {
      for (let i = 0; i < 2; i++) await limiter.consume(check(at('12:00:59.000'), 2));
      expect((await limiter.consume(check(at('12:00:59.999'), 2))).rejectedBy).toBe('rate_limited');
      const next = await limiter.consume(check(at('12:01:00.000'), 2));
      expect(next).toMatchObject({ allowed: true, rate: { remaining: 1 }, daily: { used: 3 } });
      expect(next.rate.resetAt).toEqual(at('12:02:00.000'));
    });

    it('peek takes nothing and shows what consume starts from', async () => {
      const now = at('14:15:16.000');
      for (let i = 0; i < 5; i++) {
        expect(await limiter.peek(check(now))).toEqual({
          rate: { limit: 3, remaining: 3, resetAt: at('14:16:00.000') },
          daily: { limit: 100, used: 0, remaining: 100, resetAt: at('00:00:00.000', 1) },
        });
      }
      await limiter.consume(check(now));
      expect(await limiter.peek(check(now))).toMatchObject({
        rate: { remaining: 2 },
        daily: { used: 1, remaining: 99 },
      });
    });

    it('refund gives one daily unit back, keeps the per-minute unit, and never goes below zero', async () => {
      const now = at('16:00:00.000');
      await limiter.consume(check(now));
      await limiter.consume(check(now));
      await limiter.refundDaily({ userId: user, day: day() });
      expect(await limiter.peek(check(now))).toMatchObject({ rate: { remaining: 1 }, daily: { used: 1 } });

      for (let i = 0; i < 4; i++) await limiter.refundDaily({ userId: user, day: day() });
      expect((await limiter.peek(check(now))).daily.used).toBe(0);
      expect((await limiter.consume(check(at('16:01:00.000')))).daily.used).toBe(1); // not 0 from a negative count

      const stranger = uniqueId();
      await limiter.refundDaily({ userId: stranger, day: day() });
      expect((await limiter.peek({ ...check(now), userId: stranger })).daily.used).toBe(0);
    });

    it('counts each user separately', async () => {
      const now = at('11:11:11.000');
      for (let i = 0; i < 3; i++) await limiter.consume(check(now));
      const other = uniqueId();
      expect(await limiter.consume({ ...check(now), userId: other })).toMatchObject({
        allowed: true,
        rate: { remaining: 2 },
      });
    });

    it('resets the daily quota at UTC midnight: refused at 23:59:59.900 with Retry-After 1, full again at 00:00:00.100', async () => {
      const clock = new ManualClock(at('23:50:00.000'));
      const policy = new ChatLimitsPolicy(100, 3);
      const consume = new ConsumeChatQuota(limiter, policy, clock);
      await consume.execute({ userId: user, role: 'user' });
      await consume.execute({ userId: user, role: 'user' });

      clock.set(at('23:59:59.900'));
      const last = await consume.execute({ userId: user, role: 'user' });
      expect(last).toMatchObject({ unlimited: false, day: day(), daily: { used: 3, remaining: 0 } });

      const refusal = await consume.execute({ userId: user, role: 'user' }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(QuotaExceeded);
      const error = refusal as QuotaExceeded;
      expect(error.retryAfterSeconds).toBe(1); // 100 ms, rounded up: never earlier than the reset
      expect(error.details).toEqual({ limit: 3, remaining: 0, resetAt: at('00:00:00.000', 1).toISOString() });
      expect(error.limits?.daily.used).toBe(3);

      clock.set(at('00:00:00.100', 1));
      const fresh = await consume.execute({ userId: user, role: 'user' });
      expect(fresh).toMatchObject({ unlimited: false, day: day(1), daily: { used: 1, remaining: 2 } });
      if (!fresh.unlimited) expect(fresh.daily.resetAt).toEqual(at('00:00:00.000', 2));
    });

    it('refunds a send to the day it was charged to, even after midnight', async () => {
      const clock = new ManualClock(at('23:59:59.900'));
      const consume = new ConsumeChatQuota(limiter, new ChatLimitsPolicy(100, 3), clock);
      const charge = await consume.execute({ userId: user, role: 'user' });
      clock.set(at('00:00:00.100', 1));
      await consume.execute({ userId: user, role: 'user' });

      await new RefundChatQuota(limiter).execute({ userId: user, charge });
      expect((await limiter.peek(check(at('23:59:59.950'), 100, 3))).daily.used).toBe(0);
      expect((await limiter.peek(check(at('00:00:00.200', 1), 100, 3))).daily.used).toBe(1);
    });

    it('surfaces a per-minute refusal through the use case as RateLimited with Retry-After and numbers', async () => {
      const clock = new ManualClock(at('07:00:58.001'));
      const consume = new ConsumeChatQuota(limiter, new ChatLimitsPolicy(1, 100), clock);
      await consume.execute({ userId: user, role: 'user' });
      const error = (await consume
        .execute({ userId: user, role: 'user' })
        .catch((e: unknown) => e)) as RateLimited;
      expect(error).toBeInstanceOf(RateLimited);
      expect(error.code).toBe('rate_limited');
      expect(error.retryAfterSeconds).toBe(2); // 1.999 s
      expect(error.details).toEqual({ limit: 1, remaining: 0, resetAt: at('07:01:00.000').toISOString() });
    });
  });
}
