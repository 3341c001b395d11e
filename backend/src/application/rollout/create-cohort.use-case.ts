import { assertCohortFields, type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { type CohortDeps, audited } from './cohort-deps.js';

export class CreateCohort {
  constructor(private readonly d: CohortDeps) {}
  async execute(actor: AuthenticatedUser, fields: { name: string; description?: string }): Promise<Cohort> {
    assertCohortFields(fields);
    const now = this.d.clock.now();
    const cohort: Cohort = {
      id: this.d.ids.next(),
      name: fields.name.trim(),
      description: fields.description?.trim() ?? '',
      memberCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.d.uow.run(async (repositories) => {
      await repositories.cohorts.create(cohort);
      await this.d.audit.record(repositories, actor, {
        action: 'cohort.created',
        subject: `cohort:${cohort.id}`,
        before: null,
        after: audited(cohort),
      });
    });
    return cohort;
  }
}
