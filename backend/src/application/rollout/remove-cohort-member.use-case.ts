import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AuditRecorder } from './audit-recorder.js';

export class RemoveCohortMember {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
  ) {}

  async execute(actor: AuthenticatedUser, id: string, userId: string): Promise<void> {
    await this.uow.run(async (repositories) => {
      if (!(await repositories.cohorts.get(id))) throw new NotFound('cohort');
      if (!(await repositories.cohorts.removeMember(id, userId))) throw new NotFound('cohort member');
      await this.audit.record(repositories, actor, {
        action: 'cohort.member_removed',
        subject: `cohort:${id}`,
        before: { userId },
        after: null,
      });
    });
    await this.changes.publish({ kind: 'cohort', id });
  }
}
