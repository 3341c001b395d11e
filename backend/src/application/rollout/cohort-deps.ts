import { type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AuditRecorder } from './record-audit.js';

/*
 * Cohorts: named groups of users that a flag's audience can name ("beta-testers"). Every change
 * is audited in its own transaction and announced, so membership caches drop everywhere.
 */

export const audited = (c: Cohort) => ({ name: c.name, description: c.description });

export interface CohortDeps {
  uow: UnitOfWork;
  repositories: Repositories;
  audit: AuditRecorder;
  changes: ChangeFeed;
  ids: IdGenerator;
  clock: Clock;
}
