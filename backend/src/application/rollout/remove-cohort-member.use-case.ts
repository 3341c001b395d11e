import { NotFound } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { type CohortDeps } from './cohort-deps.js';

export class RemoveCohortMember {
  constructor(private readonly d: CohortDeps) {}
  async execute(actor: AuthenticatedUser, id: string, userId: string): Promise<void> {
    await this.d.uow.run(async (repositories) => {
      if (!(await repositories.cohorts.get(id))) throw new NotFound('cohort');
      if (!(await repositories.cohorts.removeMember(id, userId))) throw new NotFound('cohort member');
      await this.d.audit.record(repositories, actor, {
        action: 'cohort.member_removed',
        subject: `cohort:${id}`,
        before: { userId },
        after: null,
      });
    });
    await this.d.changes.publish({ kind: 'cohort', id });
  }
}
