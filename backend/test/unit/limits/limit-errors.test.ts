import { describe, expect, it } from 'vitest';
import { ChatLimitsPolicy } from '../../../src/domain/limits/chat-limits-policy.js';
import { limitExceeded, QuotaExceeded, RateLimited } from '../../../src/domain/limits/limit-errors.js';
import type { LimitsSnapshot } from '../../../src/domain/limits/limit-status.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const now = new Date('2031-03-10T23:59:59.900Z');
const snapshot: LimitsSnapshot = {
  rate: { limit: 10, remaining: 0, resetAt: new Date('2031-03-11T00:00:00.000Z') },
  daily: { limit: 100, used: 100, remaining: 0, resetAt: new Date('2031-03-11T00:00:00.000Z') },
};

describe('limit errors', () => {
  it('carry a stable code, Retry-After and the numbers the problem body shows', () => {
    const quota = limitExceeded('quota_exceeded', snapshot, now);
    expect(quota).toBeInstanceOf(QuotaExceeded);
    expect(quota).toBeInstanceOf(DomainError);
    expect(quota).toMatchObject({
      code: 'quota_exceeded',
      name: 'QuotaExceeded',
      retryAfterSeconds: 1,
      limits: snapshot,
    });
    expect(quota.details).toEqual({ limit: 100, remaining: 0, resetAt: '2031-03-11T00:00:00.000Z' });

    const rate = limitExceeded('rate_limited', snapshot, new Date('2031-03-10T23:59:30.000Z'));
    expect(rate).toBeInstanceOf(RateLimited);
    expect(rate).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    expect(rate.details).toEqual({ limit: 10, remaining: 0, resetAt: '2031-03-11T00:00:00.000Z' });
    expect(JSON.parse(JSON.stringify(rate.details))).toEqual(rate.details); // safe to spread into JSON
  });
});

describe('ChatLimitsPolicy', () => {
  it('limits users and not admins', () => {
    const policy = new ChatLimitsPolicy(10, 100);
    expect(policy.isUnlimited('admin')).toBe(true);
    expect(policy.isUnlimited('user')).toBe(false);
    expect(policy).toMatchObject({ perMinute: 10, dailyMessages: 100 });
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => new ChatLimitsPolicy(0, 100)).toThrow(/perMinute/);
    expect(() => new ChatLimitsPolicy(10, 1.5)).toThrow(/dailyMessages/);
  });
});
