import type { Evaluation } from '../../domain/rollout/evaluate-feature.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { Repositories } from '../ports/unit-of-work.port.js';
import type { FeatureEvaluator } from './feature-evaluator.js';

/** "Why does (or doesn't) this user have it?" for the admin page. */
export class EvaluateFeatureForUser {
  constructor(
    private readonly repositories: Repositories,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(key: string, userId: string): Promise<Evaluation> {
    if (!(await this.repositories.features.get(key))) throw new NotFound('feature');
    const user = await this.repositories.users.findById(userId);
    if (!user) throw new NotFound('user');
    return this.evaluator.evaluate(key, user);
  }
}
