import type { Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import type { Database } from './database.js';
import { KyselyRefreshTokenRepository } from './kysely-refresh-token.repository.js';
import { KyselyUserRepository } from './kysely-user.repository.js';
import { KyselyAuditLogRepository } from './kysely-audit-log.repository.js';
import { KyselyCohortRepository } from './kysely-cohort.repository.js';
import { KyselyFeatureRepository } from './kysely-feature.repository.js';
import { KyselyChatSessionRepository } from './kysely-chat-session.repository.js';
import { KyselyChatMessageRepository } from './kysely-chat-message.repository.js';
import { KyselyIdempotencyRepository } from './kysely-idempotency.repository.js';
import { KyselyChatExchangeRepository } from './kysely-chat-exchange.repository.js';

/** Every repository on one Kysely handle: the pool, or a transaction. */
export function kyselyRepositories(db: Kysely<Database>): Repositories {
  return {
    users: new KyselyUserRepository(db),
    refreshTokens: new KyselyRefreshTokenRepository(db),
    features: new KyselyFeatureRepository(db),
    cohorts: new KyselyCohortRepository(db),
    auditLog: new KyselyAuditLogRepository(db),
    chatSessions: new KyselyChatSessionRepository(db),
    chatMessages: new KyselyChatMessageRepository(db),
    idempotency: new KyselyIdempotencyRepository(db),
    chatExchanges: new KyselyChatExchangeRepository(db),
  };
}

export class KyselyUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(kyselyRepositories(trx)));
  }
}
