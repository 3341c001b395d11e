import { applyRules } from '../../domain/rollout/feature.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { auditedCohort } from './cohort-audit.js';
import { auditedRules } from './feature-view.js';
import type { AuditRecorder } from './audit-recorder.js';

/** Deleting a cohort also takes it out of every audience that named it (each an audited feature change). */
export class DeleteCohort {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
  ) {}

  async execute(actor: AuthenticatedUser, id: string): Promise<void> {
    const touched = await this.uow.run(async (repositories) => {
      const before = await repositories.cohorts.get(id);
      if (!before) throw new NotFound('cohort');
      const features = await repositories.features.listReferencingCohort(id);
      for (const feature of features) {
        const rules = {
          enabled: feature.enabled,
          audience: { ...feature.audience, cohortIds: feature.audience.cohortIds.filter((c) => c !== id) },
        };
        const after = applyRules(feature, rules, actor.id, this.clock.now());
        await repositories.features.save(after);
        await this.audit.record(repositories, actor, {
          action: 'feature.updated',
          subject: `feature:${feature.key}`,
          before: auditedRules(feature),
          after: auditedRules(after),
        });
      }
      await repositories.cohorts.delete(id);
      await this.audit.record(repositories, actor, {
        action: 'cohort.deleted',
        subject: `cohort:${id}`,
        before: { ...auditedCohort(before), memberCount: before.memberCount },
        after: null,
      });
      return features.map((f) => f.key);
    });
    for (const key of touched) await this.changes.publish({ kind: 'feature', id: key });
    await this.changes.publish({ kind: 'cohort', id });
  }
}
