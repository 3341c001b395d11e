import type { RefreshTokenRepository } from '../../domain/identity/refresh-token.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';
import type {
  ChatExchangeRepository,
  ChatMessageRepository,
  ChatSessionRepository,
  IdempotencyRepository,
} from '../../domain/chat/chat.repositories.js';
import type {
  AuditLogRepository,
  CohortRepository,
  FeatureRepository,
} from '../../domain/rollout/rollout.repositories.js';

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly features: FeatureRepository;
  readonly cohorts: CohortRepository;
  readonly auditLog: AuditLogRepository;
  readonly chatSessions: ChatSessionRepository;
  readonly chatMessages: ChatMessageRepository;
  readonly idempotency: IdempotencyRepository;
  readonly chatExchanges: ChatExchangeRepository;
}

/** Runs work in one database transaction: all of its writes land, or none. Keep it short. */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
