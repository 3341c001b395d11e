import { formatPercent } from '../../shared/lib/format';
import { ROLE_LABELS } from '../../shared/lib/roles';
import type { AdminUser, Evaluation, EvaluationReason, Feature } from '../../shared/types';

export interface Explanation {
  /** "Has chat" / "Does not have chat". */
  verdict: string;
  /** Which rule decided, in words. */
  because: string;
  /** What would change the answer, when there is something useful to say. */
  hint?: string;
}

/** The rules in evaluation order, as the explanation names them (first match wins). */
export const REASON_ORDER: readonly EvaluationReason[] = [
  'deployment_disabled',
  'flag_off',
  'role',
  'cohort',
  'user',
  'percentage',
  'not_in_audience',
];

/**
 * GET /admin/features/{key}/evaluate's answer in words. The user and the rules as this page
 * has them fill in the details the API does not send (which role, which percentage); the
 * API does not say which cohort matched.
 */
export function explainEvaluation(
  { enabled, reason }: Evaluation,
  user: Pick<AdminUser, 'email' | 'role'>,
  feature: Pick<Feature, 'audience'> | undefined,
  featureName = 'chat',
): Explanation {
  const verdict = `${user.email} ${enabled ? 'has' : 'does not have'} ${featureName}`;
  const percentage = feature ? formatPercent(feature.audience.percentage) : 'the percentage';
  switch (reason) {
    case 'deployment_disabled':
      return {
        verdict,
        because: `The deployment switch (FEATURE_CHAT_ENABLED) is off on this server, so ${featureName} is off for everyone, admins included.`,
        hint: 'No setting on this page changes that: the server has to be restarted with FEATURE_CHAT_ENABLED=true.',
      };
    case 'flag_off':
      return {
        verdict,
        because: `The ${featureName} flag is switched off (the kill switch), so nobody has it, admins included.`,
        hint: 'Turning the flag back on restores the audience as it was.',
      };
    case 'role':
      return {
        verdict,
        because: `Their role (${ROLE_LABELS[user.role]}) is in the audience: everyone with that role has ${featureName}.`,
      };
    case 'cohort':
      return {
        verdict,
        because: `They are a member of a cohort in the audience.`,
      };
    case 'user':
      return {
        verdict,
        because: `They are listed by name in the audience.`,
      };
    case 'percentage':
      return {
        verdict,
        because: `Their fixed place in the rollout falls within the current ${percentage} of users.`,
        hint: 'Their place never changes: raising the percentage never takes it away; only lowering it below their place would.',
      };
    case 'not_in_audience':
      return {
        verdict,
        because: `No rule includes them: their role, cohorts and name are not in the audience, and their fixed place in the rollout is above the current ${percentage}.`,
        hint: 'Add them to a cohort in the audience, list them by name, or raise the percentage.',
      };
  }
}
