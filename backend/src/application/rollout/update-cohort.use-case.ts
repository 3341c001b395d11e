import { assertCohortFields, type Cohort } from '../../domain/rollout/cohort.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { type CohortDeps, audited } from './cohort-deps.js';

export class UpdateCohort {
  constructor(private readonly d: CohortDeps) {}
  async execute(
    actor: AuthenticatedUser,
    id: string,
    fields: { name?: string; description?: string },
  ): Promise<Cohort> {
    assertCohortFields(fields);
    const trimmed = { name: fields.name?.trim(), description: fields.description?.trim() };
    return this.d.uow.run(async (repositories) => {
      const before = await repositories.cohorts.get(id);
      if (!before) throw new NotFound('cohort');
      const after = await repositories.cohorts.update(id, trimmed, this.d.clock.now());
      if (!after) throw new NotFound('cohort');
      await this.d.audit.record(repositories, actor, {
        action: 'cohort.updated',
        subject: `cohort:${id}`,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
  }
}
