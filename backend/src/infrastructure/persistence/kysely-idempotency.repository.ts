import type { Kysely } from 'kysely';
import type { IdempotencyRepository } from '../../domain/chat/chat.repositories.js';
import type { Database } from './database.js';

export class KyselyIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
