import { applyRules } from '../../domain/rollout/feature.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { auditedRules } from './feature-view.js';
import { type CohortDeps, audited } from './cohort-deps.js';

/** Deleting a cohort also takes it out of every audience that named it (each an audited feature change). */
export class DeleteCohort {
  constructor(private readonly d: CohortDeps) {}
  async execute(actor: AuthenticatedUser, id: string): Promise<void> {
    const touched = await this.d.uow.run(async (repositories) => {
      const before = await repositories.cohorts.get(id);
      if (!before) throw new NotFound('cohort');
      const features = await repositories.features.listReferencingCohort(id);
      for (const feature of features) {
        const rules = {
          enabled: feature.enabled,
          audience: { ...feature.audience, cohortIds: feature.audience.cohortIds.filter((c) => c !== id) },
        };
        const after = applyRules(feature, rules, actor.id, this.d.clock.now());
        await repositories.features.save(after);
        await this.d.audit.record(repositories, actor, {
          action: 'feature.updated',
          subject: `feature:${feature.key}`,
          before: auditedRules(feature),
          after: auditedRules(after),
        });
      }
      await repositories.cohorts.delete(id);
      await this.d.audit.record(repositories, actor, {
        action: 'cohort.deleted',
        subject: `cohort:${id}`,
        before: { ...audited(before), memberCount: before.memberCount },
        after: null,
      });
      return features.map((f) => f.key);
    });
    for (const key of touched) await this.d.changes.publish({ kind: 'feature', id: key });
    await this.d.changes.publish({ kind: 'cohort', id });
  }
}
