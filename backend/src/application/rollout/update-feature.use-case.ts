import { applyRules, type FeatureRules } from '../../domain/rollout/feature.entity.js';
import { NotFound, ValidationFailed } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { FeatureEvaluator } from './feature-evaluator.js';
import { auditedRules, type FeatureView } from './feature-view.js';
import type { AuditRecorder } from './audit-recorder.js';

/** PUT semantics: the rules are replaced as a whole; the change and its audit entry land together. */
export class UpdateFeature {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
    private readonly evaluator: FeatureEvaluator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: AuthenticatedUser, key: string, rules: FeatureRules): Promise<FeatureView> {
    const updated = await this.uow.run(async (repositories) => {
      const before = await repositories.features.get(key);
      if (!before) throw new NotFound('feature');
      const after = applyRules(before, rules, actor.id, this.clock.now());
      await this.assertReferencesExist(repositories, after.audience.cohortIds, after.audience.userIds);
      await repositories.features.save(after);
      await this.audit.record(repositories, actor, {
        action: 'feature.updated',
        subject: `feature:${key}`,
        before: auditedRules(before),
        after: auditedRules(after),
      });
      return after;
    });
    await this.changes.publish({ kind: 'feature', id: key });
    return { feature: updated, deploymentEnabled: this.evaluator.deploymentEnabled(key) };
  }

  private async assertReferencesExist(
    repositories: Repositories,
    cohortIds: readonly string[],
    userIds: readonly string[],
  ): Promise<void> {
    const cohorts = new Set(await repositories.cohorts.existing(cohortIds));
    const users = new Set((await repositories.users.findManyByIds(userIds)).map((u) => u.id));
    const errors = [
      ...cohortIds
        .filter((id) => !cohorts.has(id))
        .map((id) => ({ path: 'audience.cohortIds', message: `no cohort ${id}` })),
      ...userIds
        .filter((id) => !users.has(id))
        .map((id) => ({ path: 'audience.userIds', message: `no user ${id}` })),
    ];
    if (errors.length > 0) throw new ValidationFailed(errors);
  }
}
