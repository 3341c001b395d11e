import type { RefreshTokenRepository } from '../../domain/identity/refresh-token.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type { AuditLogRepository, CohortRepository, FeatureRepository } from '../../domain/rollout/rollout.repositories.js';

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly features: FeatureRepository;
  readonly cohorts: CohortRepository;
  readonly auditLog: AuditLogRepository;
}

/** Runs work in one database transaction: all of its writes land, or none. Keep it short. */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
