import { type Cohort } from '../../domain/rollout/cohort.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import { type CohortDeps } from './cohort-deps.js';

export class GetCohort {
  constructor(private readonly d: Pick<CohortDeps, 'repositories'>) {}
  async execute(id: string): Promise<Cohort> {
    const cohort = await this.d.repositories.cohorts.get(id);
    if (!cohort) throw new NotFound('cohort');
    return cohort;
  }
}
