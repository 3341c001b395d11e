import { NotFound } from '../../domain/shared/domain-error.js';
import type { Repositories } from '../ports/unit-of-work.port.js';
import type { FeatureEvaluator } from './feature-evaluator.js';
import type { FeatureView } from './feature-view.js';

export class GetFeature {
  constructor(
    private readonly repositories: Repositories,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(key: string): Promise<FeatureView> {
    const feature = await this.repositories.features.get(key);
    if (!feature) throw new NotFound('feature');
    return { feature, deploymentEnabled: this.evaluator.deploymentEnabled(key) };
  }
}
