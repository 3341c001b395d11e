import { FeatureDisabled } from '../../domain/rollout/rollout-errors.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { FeatureEvaluator } from './feature-evaluator.js';

/** The server-side gate: a route behind a feature answers 403 before doing any work. */
export class RequireFeature {
  constructor(private readonly evaluator: FeatureEvaluator) {}

  async execute(user: AuthenticatedUser, key: string): Promise<void> {
    const { enabled } = await this.evaluator.evaluate(key, user);
    if (!enabled) throw new FeatureDisabled(key);
  }
}
