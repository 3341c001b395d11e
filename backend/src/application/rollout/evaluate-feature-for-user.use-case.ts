import type { Evaluation } from '../../domain/rollout/evaluate-feature.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { FeatureRepository } from '../../domain/rollout/rollout.repositories.js';
import type { FeatureEvaluator } from './feature-evaluator.js';

/** "Why does (or doesn't) this user have it?" for the admin page. */
export class EvaluateFeatureForUser {
  constructor(
    private readonly features: FeatureRepository,
    private readonly users: UserRepository,
    private readonly evaluator: FeatureEvaluator,
  ) {}

  async execute(key: string, userId: string): Promise<Evaluation> {
    if (!(await this.features.get(key))) throw new NotFound('feature');
    const user = await this.users.findById(userId);
    if (!user) throw new NotFound('user');
    return this.evaluator.evaluate(key, user);
  }
}
