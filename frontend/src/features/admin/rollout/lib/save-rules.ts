import type { Feature, FeatureRules } from '../../shared/types';

/** One change to a flag's rules, derived from the rules as the server has them now. */
export type RulesEdit = (current: FeatureRules) => FeatureRules;

/**
 * Saves one change and says what was saved (shown and announced by the card). Resolves to
 * whether it was saved; a failure is toasted by the mutation cache.
 */
export type SaveRules = (edit: RulesEdit, saved: string) => Promise<boolean>;

/** What each control on the flag card gets: the flag as saved, how to save, a save under way. */
export interface RuleControlProps {
  feature: Feature;
  save: SaveRules;
  pending: boolean;
}

export const withAudience = (
  rules: FeatureRules,
  audience: Partial<FeatureRules['audience']>,
): FeatureRules => ({ ...rules, audience: { ...rules.audience, ...audience } });
