import { NotFound } from '../../domain/shared/domain-error.js';
import type { FeatureRepository } from '../../domain/rollout/rollout.repositories.js';
import type { FeatureEvaluator } from './feature-evaluator.js';
import type { FeatureView } from './feature-view.js';

export class GetFeature {
  constructor(
    private readonly features: FeatureRepository,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(key: string): Promise<FeatureView> {
    const feature = await this.features.get(key);
    if (!feature) throw new NotFound('feature');
    return { feature, deploymentEnabled: this.evaluator.deploymentEnabled(key) };
  }
}
