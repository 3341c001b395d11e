import type { RefreshTokenRepository } from '../../domain/identity/refresh-token.js';
import type { UserRepository } from '../../domain/identity/user.repository.js';

/** Every repository, bound to one connection or transaction. */
export interface Repositories {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
}

/** Runs work in one database transaction: all of its writes land, or none. Keep it short. */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
