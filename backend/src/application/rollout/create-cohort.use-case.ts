import { assertCohortFields, type Cohort } from '../../domain/rollout/cohort.entity.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { auditedCohort } from './cohort-audit.js';
import type { AuditRecorder } from './audit-recorder.js';

export class CreateCohort {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: AuthenticatedUser, fields: { name: string; description?: string }): Promise<Cohort> {
    assertCohortFields(fields);
    const now = this.clock.now();
    const cohort: Cohort = {
      id: this.ids.next(),
      name: fields.name.trim(),
      description: fields.description?.trim() ?? '',
      memberCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.uow.run(async (repositories) => {
      await repositories.cohorts.create(cohort);
      await this.audit.record(repositories, actor, {
        action: 'cohort.created',
        subject: `cohort:${cohort.id}`,
        before: null,
        after: auditedCohort(cohort),
      });
    });
    return cohort;
  }
}
