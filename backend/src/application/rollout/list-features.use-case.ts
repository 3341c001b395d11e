import type { FeatureRepository } from '../../domain/rollout/rollout.repositories.js';
import type { FeatureEvaluator } from './feature-evaluator.js';
import type { FeatureView } from './feature-view.js';

export class ListFeatures {
  constructor(
    private readonly features: FeatureRepository,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(): Promise<FeatureView[]> {
    const features = await this.features.list();
    return features.map((feature) => ({
      feature,
      deploymentEnabled: this.evaluator.deploymentEnabled(feature.key),
    }));
  }
}
