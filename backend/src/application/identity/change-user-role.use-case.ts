import { Forbidden } from '../../domain/identity/identity-errors.js';
import type { Role } from '../../domain/identity/role.js';
import type { User } from '../../domain/identity/user.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';
import type { ChangeFeed } from '../ports/change-feed.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { AuditRecorder } from '../rollout/audit-recorder.js';

/**
 * An admin changes someone's role (never their own: the last admin cannot lock everyone out by
 * accident). Every instance drops its cached copy of the user, so a demotion bites at once.
 */
export class ChangeUserRole {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(actor: AuthenticatedUser, userId: string, role: Role): Promise<User> {
    if (actor.id === userId) throw new Forbidden('You cannot change your own role.');
    const updated = await this.uow.run(async (repositories) => {
      const before = await repositories.users.findById(userId);
      if (!before) throw new NotFound('user');
      if (before.role === role) return before;
      const after = await repositories.users.updateRole(userId, role, this.clock.now());
      await this.audit.record(repositories, actor, {
        action: 'user.role_changed',
        subject: `user:${userId}`,
        before: { role: before.role },
        after: { role },
      });
      return after;
    });
    if (!updated) throw new NotFound('user');
    await this.changes.publish({ kind: 'user', id: userId });
    return updated;
  }
}
