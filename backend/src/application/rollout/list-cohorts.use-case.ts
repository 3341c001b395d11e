import { type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { CohortRepository } from '../../domain/rollout/rollout.repositories.js';

export class ListCohorts {
  constructor(private readonly cohorts: CohortRepository) {}

  execute(): Promise<Cohort[]> {
    return this.cohorts.list();
  }
}
