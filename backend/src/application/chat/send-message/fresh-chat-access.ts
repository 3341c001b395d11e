import type { UserRepository } from '../../../domain/identity/user.repository.js';
import { evaluateFeature } from '../../../domain/rollout/evaluate-feature.js';
import type { CohortRepository, FeatureRepository } from '../../../domain/rollout/rollout.repositories.js';
import type { ChatAccessProbe } from './ports/chat-access.port.js';

/**
 * The chat flag for one user, evaluated from what the database says now: the user's role, the
 * flag's rules and the user's cohorts, each read afresh (the FeatureEvaluator's few-second cache
 * is for the request path; a running reply must not outlive a switch-off by that much more). A
 * user who no longer exists may not chat.
 */
export class FreshChatAccess implements ChatAccessProbe {
  constructor(
    private readonly users: UserRepository,
    private readonly features: FeatureRepository,
    private readonly cohorts: CohortRepository,
    /** FEATURE_CHAT_ENABLED, the deploy-time switch. */
    private readonly deploymentEnabled: boolean,
  ) {}

  async chatEnabledFor(userId: string): Promise<boolean> {
    if (!this.deploymentEnabled) return false;
    const [user, feature, cohortIds] = await Promise.all([
      this.users.findById(userId),
      this.features.get('chat'),
      this.cohorts.cohortIdsOf(userId),
    ]);
    if (!user || !feature) return false;
    return evaluateFeature(feature, true, { id: user.id, role: user.role, cohortIds: new Set(cohortIds) })
      .enabled;
  }
}
