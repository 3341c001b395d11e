import type { Cohort } from '../../domain/rollout/cohort.entity.js';

/*
 * Cohorts: named groups of users that a flag's audience can name ("beta-testers"). Every change
 * is audited in its own transaction and announced, so membership caches drop everywhere.
 */

/** What the audit log keeps of a cohort. */
export const auditedCohort = (cohort: Cohort) => ({ name: cohort.name, description: cohort.description });
