import type { Role } from '../identity/role.js';
import { inPercentage } from './bucket.js';
import type { Feature } from './feature.entity.js';

export type EvaluationReason =
  'deployment_disabled' | 'flag_off' | 'role' | 'cohort' | 'user' | 'percentage' | 'not_in_audience';

export interface Evaluation {
  readonly enabled: boolean;
  readonly reason: EvaluationReason;
}

export interface EvaluationSubject {
  readonly id: string;
  readonly role: Role;
  /** The cohorts the user belongs to. */
  readonly cohortIds: ReadonlySet<string>;
}

/**
 * Who gets a feature, in this order (API.md): the deploy-time switch off means off for
 * everyone, admins included (it is the kill switch); the flag off means off; then a matching
 * role, a shared cohort, being listed by id, or a bucket below the percentage turns it on.
 */
export function evaluateFeature(
  feature: Feature,
  deploymentEnabled: boolean,
  subject: EvaluationSubject,
): Evaluation {
  if (!deploymentEnabled) return { enabled: false, reason: 'deployment_disabled' };
  if (!feature.enabled) return { enabled: false, reason: 'flag_off' };
  const { audience } = feature;
  if (audience.roles.includes(subject.role)) return { enabled: true, reason: 'role' };
  if (audience.cohortIds.some((id) => subject.cohortIds.has(id))) return { enabled: true, reason: 'cohort' };
  if (audience.userIds.includes(subject.id)) return { enabled: true, reason: 'user' };
  if (audience.percentage > 0 && inPercentage(feature.key, subject.id, audience.percentage)) {
    return { enabled: true, reason: 'percentage' };
  }
  return { enabled: false, reason: 'not_in_audience' };
}
