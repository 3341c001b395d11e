import { assertCohortFields, type Cohort } from '../../domain/rollout/cohort.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { auditedCohort } from './cohort-audit.js';
import type { AuditRecorder } from './audit-recorder.js';

export class UpdateCohort {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: AuthenticatedUser,
    id: string,
    fields: { name?: string; description?: string },
  ): Promise<Cohort> {
    assertCohortFields(fields);
    const trimmed = { name: fields.name?.trim(), description: fields.description?.trim() };
    return this.uow.run(async (repositories) => {
      const before = await repositories.cohorts.get(id);
      if (!before) throw new NotFound('cohort');
      const after = await repositories.cohorts.update(id, trimmed, this.clock.now());
      if (!after) throw new NotFound('cohort');
      await this.audit.record(repositories, actor, {
        action: 'cohort.updated',
        subject: `cohort:${id}`,
        before: auditedCohort(before),
        after: auditedCohort(after),
      });
      return after;
    });
  }
}
