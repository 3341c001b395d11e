import { normalizeEmail } from '../../domain/identity/email.js';
import { NotFound, ValidationFailed } from '../../domain/shared/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AuditRecorder } from './audit-recorder.js';

export interface AddedMembers {
  /** Users who were not members before this call. */
  added: string[];
  /** Users named who were members already. */
  alreadyMembers: string[];
}

/** Adds by user id and/or email; one unknown id or email fails the whole call (422, each named). */
export class AddCohortMembers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: AuthenticatedUser,
    id: string,
    who: { userIds?: string[]; emails?: string[] },
  ): Promise<AddedMembers> {
    const userIds = who.userIds ?? [];
    const emails = (who.emails ?? []).map(normalizeEmail);
    if (userIds.length + emails.length === 0)
      throw new ValidationFailed([{ path: 'userIds', message: 'name at least one user by id or email' }]);
    const result = await this.uow.run(async (repositories) => {
      if (!(await repositories.cohorts.get(id))) throw new NotFound('cohort');
      const byId = await repositories.users.findManyByIds(userIds);
      const byEmail = await repositories.users.findManyByEmails(emails);
      const errors = [
        ...userIds
          .filter((u) => !byId.some((x) => x.id === u))
          .map((u) => ({ path: 'userIds', message: `no user ${u}` })),
        ...emails
          .filter((e) => !byEmail.some((x) => x.email === e))
          .map((e) => ({ path: 'emails', message: `no user with email ${e}` })),
      ];
      if (errors.length > 0) throw new ValidationFailed(errors);
      const all = [...new Set([...byId, ...byEmail].map((u) => u.id))];
      const added = await repositories.cohorts.addMembers(id, all, this.clock.now());
      if (added.length > 0) {
        await this.audit.record(repositories, actor, {
          action: 'cohort.members_added',
          subject: `cohort:${id}`,
          before: null,
          after: { userIds: added },
        });
      }
      return { added, alreadyMembers: all.filter((u) => !added.includes(u)) };
    });
    await this.changes.publish({ kind: 'cohort', id });
    return result;
  }
}
