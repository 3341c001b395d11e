import { describe, expect, it } from 'vitest';
import murmur from 'murmurhash3js-revisited';
import { inPercentage, rolloutBucket } from '../../../src/domain/rollout/bucket.js';
import { evaluateFeature, type EvaluationSubject } from '../../../src/domain/rollout/evaluate-feature.js';
import { applyRules, type Feature } from '../../../src/domain/rollout/feature.entity.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';

const feature = (over: Partial<Feature> = {}): Feature => ({
  key: 'chat',
  description: '',
  enabled: true,
  audience: { roles: [], cohortIds: [], userIds: [], percentage: 0 },
  updatedAt: new Date(0),
  updatedBy: null,
  ...over,
});
const subject = (over: Partial<EvaluationSubject> = {}): EvaluationSubject => ({
  id: 'u-1',
  role: 'user',
  cohortIds: new Set(),
  ...over,
});
const syntheticUsers = Array.from(
  { length: 10_000 },
  (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
);

describe('evaluateFeature: each reason, in order', () => {
  it('deployment switch off wins over everything, admins included', () => {
    const f = feature({ audience: { roles: ['admin'], cohortIds: [], userIds: ['u-1'], percentage: 100 } });
    expect(evaluateFeature(f, false, subject({ role: 'admin' }))).toEqual({
      enabled: false,
      reason: 'deployment_disabled',
    });
  });
  it('flag off comes next', () => {
    const f = feature({
      enabled: false,
      audience: { roles: ['admin'], cohortIds: [], userIds: [], percentage: 100 },
    });
    expect(evaluateFeature(f, true, subject({ role: 'admin' }))).toEqual({
      enabled: false,
      reason: 'flag_off',
    });
  });
  it('then role, cohort, listed user, percentage', () => {
    const f = feature({
      audience: { roles: ['admin'], cohortIds: ['c-1'], userIds: ['u-9'], percentage: 100 },
    });
    expect(
      evaluateFeature(f, true, subject({ role: 'admin', cohortIds: new Set(['c-1']), id: 'u-9' })).reason,
    ).toBe('role');
    expect(evaluateFeature(f, true, subject({ cohortIds: new Set(['c-1']), id: 'u-9' })).reason).toBe(
      'cohort',
    );
    expect(evaluateFeature(f, true, subject({ id: 'u-9' })).reason).toBe('user');
    expect(evaluateFeature(f, true, subject({ id: 'u-2' }))).toEqual({ enabled: true, reason: 'percentage' });
  });
  it('not in the audience otherwise', () => {
    expect(evaluateFeature(feature(), true, subject())).toEqual({
      enabled: false,
      reason: 'not_in_audience',
    });
  });
});

describe('sticky percentage buckets', () => {
  const share = (key: string, percentage: number) =>
    syntheticUsers.filter((id) => inPercentage(key, id, percentage));

  it('10% of 10 000 users is between 9% and 11%', () => {
    const n = share('chat', 10).length;
    expect(n).toBeGreaterThanOrEqual(900);
    expect(n).toBeLessThanOrEqual(1100);
  });

  it('raising 10% to 50% keeps every user who had it', () => {
    const at10 = share('chat', 10);
    const at50 = new Set(share('chat', 50));
    expect(at50.size).toBeGreaterThanOrEqual(4800);
    expect(at50.size).toBeLessThanOrEqual(5200);
    expect(at10.filter((id) => !at50.has(id))).toEqual([]);
  });

  it('two flags at 50% do not enable the same half', () => {
    const a = new Set(share('chat', 50));
    const b = share('export', 50);
    const both = b.filter((id) => a.has(id)).length;
    // Independent halves overlap on about a quarter of the users.
    expect(both).toBeGreaterThan(2200);
    expect(both).toBeLessThan(2800);
  });

  it('0% enables nobody and 100% everybody', () => {
    expect(share('chat', 0)).toHaveLength(0);
    expect(share('chat', 100)).toHaveLength(10_000);
  });

  it('is pinned: fixed (key, userId) → bucket values never change', () => {
    // Computed once with murmur3_x86_32(utf8("<key>:<userId>"), seed 0) % 10 000 and frozen:
    // if any of these change, the rollout would reshuffle who has every feature.
    const pinned: [string, string, number][] = [
      ['chat', '00000000-0000-7000-8000-000000000000', 3812],
      ['chat', '018f2b6e-7c1a-7d3e-9f00-123456789abc', 8300],
      ['chat', 'user-42', 8251],
      ['export', 'user-42', 5567],
      ['chat', 'Ünïcødé', 2374],
      ['', '', 7430],
    ];
    expect(pinned.map(([key, user]) => rolloutBucket(key, user))).toEqual(
      pinned.map(([, , bucket]) => bucket),
    );
  });

  it('uses the reference MurmurHash3 x86_32 (seed 0) over UTF-8 bytes', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(murmur.x86.hash32(encode(''), 0)).toBe(0);
    expect(murmur.x86.hash32(encode('hello'), 0)).toBe(0x248bfa47);
    expect(murmur.x86.hash32(encode('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
  });
});

describe('applyRules', () => {
  const base = feature();
  it('de-duplicates and rounds, and records who and when', () => {
    const after = applyRules(
      base,
      {
        enabled: true,
        audience: { roles: ['admin', 'admin'], cohortIds: ['c', 'c'], userIds: [], percentage: 12.5 },
      },
      'admin-1',
      new Date(5),
    );
    expect(after.audience).toEqual({ roles: ['admin'], cohortIds: ['c'], userIds: [], percentage: 12.5 });
    expect(after).toMatchObject({ updatedBy: 'admin-1', updatedAt: new Date(5) });
  });
  it.each([
    [{ percentage: 101 }, 'audience.percentage'],
    [{ percentage: -1 }, 'audience.percentage'],
    [{ percentage: 10.001 }, 'audience.percentage'],
    [{ roles: ['root'] }, 'audience.roles.0'],
  ])('rejects %o', (audience, path) => {
    const rules = {
      enabled: true,
      audience: { roles: [], cohortIds: [], userIds: [], percentage: 0, ...audience } as never,
    };
    expect(() => applyRules(base, rules, 'a', new Date())).toThrow(ValidationFailed);
    try {
      applyRules(base, rules, 'a', new Date());
    } catch (error) {
      expect((error as ValidationFailed).errors[0]!.path).toBe(path);
    }
  });
});
