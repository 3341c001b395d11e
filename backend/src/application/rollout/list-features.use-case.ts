import type { Repositories } from '../ports/unit-of-work.port.js';
import type { FeatureEvaluator } from './feature-evaluator.js';
import type { FeatureView } from './feature-view.js';

export class ListFeatures {
  constructor(
    private readonly repositories: Repositories,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(): Promise<FeatureView[]> {
    const features = await this.repositories.features.list();
    return features.map((feature) => ({
      feature,
      deploymentEnabled: this.evaluator.deploymentEnabled(feature.key),
    }));
  }
}
