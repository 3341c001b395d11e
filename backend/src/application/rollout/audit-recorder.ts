import type { AuditAction } from '../../domain/rollout/audit-entry.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Repositories } from '../ports/unit-of-work.port.js';

export interface AuditFacts {
  action: AuditAction;
  subject: string;
  before: unknown;
  after: unknown;
}

/** Writes one audit entry with the repositories of the caller's transaction, so the change and its record land together. */
export class AuditRecorder {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  record(repositories: Repositories, actor: AuthenticatedUser, facts: AuditFacts): Promise<void> {
    return repositories.auditLog.append({
      id: this.ids.next(),
      at: this.clock.now(),
      actor: { id: actor.id, email: actor.email },
      ...facts,
    });
  }
}
