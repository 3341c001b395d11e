import { type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { CohortRepository } from '../../domain/rollout/rollout.repositories.js';
import { NotFound } from '../../domain/shared/domain-error.js';

export class GetCohort {
  constructor(private readonly cohorts: CohortRepository) {}

  async execute(id: string): Promise<Cohort> {
    const cohort = await this.cohorts.get(id);
    if (!cohort) throw new NotFound('cohort');
    return cohort;
  }
}
