import { type Cohort } from '../../domain/rollout/cohort.entity.js';
import { type CohortDeps } from './cohort-deps.js';

export class ListCohorts {
  constructor(private readonly d: Pick<CohortDeps, 'repositories'>) {}
  execute(): Promise<Cohort[]> {
    return this.d.repositories.cohorts.list();
  }
}
