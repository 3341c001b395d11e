import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyRepository } from '../../domain/chat/chat.repositories.js';
import type { Database } from './database.js';

export class KyselyIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(userId: string, key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        userId: row.user_id,
        key: row.key,
        requestHash: row.request_hash,
        sessionId: row.session_id,
        userMessageId: row.user_message_id,
        assistantMessageId: row.assistant_message_id,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      }
    );
  }

  async insert(record: IdempotencyRecord): Promise<boolean> {
    // An expired row with the same key is replaced; a live one wins (the insert does nothing).
    const result = await this.db
      .insertInto('idempotency_keys')
      .values({
        user_id: record.userId,
        key: record.key,
        request_hash: record.requestHash,
        session_id: record.sessionId,
        user_message_id: record.userMessageId,
        assistant_message_id: record.assistantMessageId,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'key'])
          .doUpdateSet((eb) => ({
            request_hash: eb.ref('excluded.request_hash'),
            session_id: eb.ref('excluded.session_id'),
            user_message_id: eb.ref('excluded.user_message_id'),
            assistant_message_id: eb.ref('excluded.assistant_message_id'),
            created_at: eb.ref('excluded.created_at'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('idempotency_keys.expires_at', '<=', record.createdAt),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
