import type { Evaluation } from './evaluate-feature.js';

/**
 * Why a user does not have a feature, in the product's words (API.md "The chat flag and your
 * own data"): `paused` when it was switched off (the deployment switch or the flag's `enabled`)
 * or taken away from someone who has used it already; `not_yet` when the rollout has not
 * reached them. The UI words itself by it, so a user who loses chat never reads "not yet".
 */
export type FeatureReason = 'paused' | 'not_yet';

/** Null while the user has the feature. `usedBefore`: the user already has something made with it. */
export function featureReason(evaluation: Evaluation, usedBefore: boolean): FeatureReason | null {
  if (evaluation.enabled) return null;
  const switchedOff = evaluation.reason === 'deployment_disabled' || evaluation.reason === 'flag_off';
  return switchedOff || usedBefore ? 'paused' : 'not_yet';
}
