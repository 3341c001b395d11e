import { describe, expect, it } from 'vitest';
import {
  assertCohortFields,
  CohortNameTaken,
  cohortFieldErrors,
} from '../../../src/domain/rollout/cohort.entity.js';
import {
  applyRules,
  audienceErrors,
  type Audience,
  type Feature,
} from '../../../src/domain/rollout/feature.entity.js';
import { ValidationFailed } from '../../../src/domain/shared/domain-error.js';

const audience = (over: Partial<Audience> = {}): Audience => ({
  roles: [],
  cohortIds: [],
  userIds: [],
  percentage: 0,
  ...over,
});

describe('cohort fields', () => {
  it('wants a name of 1 to 100 characters after trimming', () => {
    expect(cohortFieldErrors({ name: '   ' })).toEqual([{ path: 'name', message: 'must not be empty' }]);
    expect(cohortFieldErrors({ name: 'x'.repeat(101) })).toEqual([
      { path: 'name', message: 'must be at most 100 characters' },
    ]);
    expect(cohortFieldErrors({ name: ` ${'x'.repeat(100)} ` })).toEqual([]);
  });

  it('caps the description at 500 characters and checks only the fields given', () => {
    expect(cohortFieldErrors({ description: 'd'.repeat(501) })).toEqual([
      { path: 'description', message: 'must be at most 500 characters' },
    ]);
    expect(cohortFieldErrors({})).toEqual([]);
  });

  it('throws every field error at once', () => {
    const thrown = (() => {
      try {
        assertCohortFields({ name: '', description: 'd'.repeat(501) });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ValidationFailed);
    expect((thrown as ValidationFailed).errors.map((e) => e.path)).toEqual(['name', 'description']);
    expect(() => assertCohortFields({ name: 'beta' })).not.toThrow();
  });

  it('says a taken name as a validation error on the name', () => {
    const taken = new CohortNameTaken();
    expect(taken).toBeInstanceOf(ValidationFailed);
    expect(taken.errors).toEqual([{ path: 'name', message: 'is already the name of another cohort' }]);
  });
});

describe('feature audience', () => {
  it('refuses percentages outside 0..100, not finite, or with more than two decimals', () => {
    for (const percentage of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(audienceErrors(audience({ percentage }))).toEqual([
        { path: 'audience.percentage', message: 'must be between 0 and 100' },
      ]);
    }
    expect(audienceErrors(audience({ percentage: 12.345 }))).toEqual([
      { path: 'audience.percentage', message: 'must have at most two decimals' },
    ]);
    expect(audienceErrors(audience({ percentage: 12.34 }))).toEqual([]);
  });

  it('refuses an unknown role by its index', () => {
    const roles = ['user', 'owner'] as unknown as Audience['roles'];
    expect(audienceErrors(audience({ roles }))).toEqual([
      { path: 'audience.roles.1', message: 'must be user or admin' },
    ]);
  });

  it('caps the listed cohorts and users', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    const paths = audienceErrors(audience({ cohortIds: many, userIds: many })).map((e) => e.path);
    expect(paths).toEqual(['audience.cohortIds', 'audience.userIds']);
  });
});

describe('applying new rules to a feature', () => {
  const feature: Feature = {
    key: 'chat',
    description: 'Chat',
    enabled: false,
    audience: audience(),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    updatedBy: null,
  };
  const now = new Date('2026-02-01T00:00:00Z');

  it('refuses a description over 500 characters along with the audience errors', () => {
    const apply = () =>
      applyRules(
        feature,
        { enabled: true, description: 'd'.repeat(501), audience: audience({ percentage: 101 }) },
        'admin-1',
        now,
      );
    expect(apply).toThrow(ValidationFailed);
    try {
      apply();
    } catch (error) {
      expect((error as ValidationFailed).errors.map((e) => e.path)).toEqual([
        'audience.percentage',
        'description',
      ]);
    }
  });

  it('trims the description, keeps the old one when none is given, and de-duplicates the lists', () => {
    const next = applyRules(
      feature,
      { enabled: true, description: '  New words ', audience: audience({ cohortIds: ['a', 'a', 'b'] }) },
      'admin-1',
      now,
    );
    expect(next.description).toBe('New words');
    expect(next.audience.cohortIds).toEqual(['a', 'b']);
    expect(applyRules(feature, { enabled: true, audience: audience() }, 'admin-1', now).description).toBe(
      'Chat',
    );
  });
});
