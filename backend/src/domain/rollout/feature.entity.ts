import { isRole, type Role } from '../identity/role.js';
import { ValidationFailed, type FieldError } from '../shared/domain-error.js';

export interface Audience {
  readonly roles: readonly Role[];
  readonly cohortIds: readonly string[];
  readonly userIds: readonly string[];
  /** 0..100, in steps of 0.01 (one bucket of 10 000). */
  readonly percentage: number;
}

export interface Feature {
  readonly key: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly audience: Audience;
  readonly updatedAt: Date;
  /** The admin who last changed the rules; null for the seed. */
  readonly updatedBy: string | null;
}

export interface FeatureRules {
  enabled: boolean;
  description?: string;
  audience: Audience;
}

const MAX_LISTED = 1_000;

export function audienceErrors(audience: Audience): FieldError[] {
  const errors: FieldError[] = [];
  const p = audience.percentage;
  if (!Number.isFinite(p) || p < 0 || p > 100)
    errors.push({ path: 'audience.percentage', message: 'must be between 0 and 100' });
  else if (Math.abs(p * 100 - Math.round(p * 100)) > 1e-9)
    errors.push({ path: 'audience.percentage', message: 'must have at most two decimals' });
  audience.roles.forEach((role, i) => {
    if (!isRole(role)) errors.push({ path: `audience.roles.${i}`, message: 'must be user or admin' });
  });
  if (audience.cohortIds.length > MAX_LISTED)
    errors.push({ path: 'audience.cohortIds', message: `must list at most ${MAX_LISTED}` });
  if (audience.userIds.length > MAX_LISTED)
    errors.push({ path: 'audience.userIds', message: `must list at most ${MAX_LISTED}; use a cohort` });
  return errors;
}

/** New rules for a feature, checked and de-duplicated; the key and history stay. */
export function applyRules(feature: Feature, rules: FeatureRules, actorId: string, now: Date): Feature {
  const errors = audienceErrors(rules.audience);
  if (rules.description !== undefined && rules.description.trim().length > 500) {
    errors.push({ path: 'description', message: 'must be at most 500 characters' });
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  return {
    ...feature,
    description: rules.description?.trim() ?? feature.description,
    enabled: rules.enabled,
    audience: {
      roles: [...new Set(rules.audience.roles)],
      cohortIds: [...new Set(rules.audience.cohortIds)],
      userIds: [...new Set(rules.audience.userIds)],
      percentage: Math.round(rules.audience.percentage * 100) / 100,
    },
    updatedAt: now,
    updatedBy: actorId,
  };
}
