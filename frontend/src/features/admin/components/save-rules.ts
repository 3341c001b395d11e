import type { FeatureRules } from '../types';

/** One change to a flag's rules, derived from the rules as the server has them now. */
export type RulesEdit = (current: FeatureRules) => FeatureRules;

/**
 * Saves one change and says what was saved (shown and announced by the card). Resolves to
 * whether it was saved; a failure is toasted by the mutation cache.
 */
export type SaveRules = (edit: RulesEdit, saved: string) => Promise<boolean>;

export const withAudience = (
  rules: FeatureRules,
  audience: Partial<FeatureRules['audience']>,
): FeatureRules => ({ ...rules, audience: { ...rules.audience, ...audience } });
