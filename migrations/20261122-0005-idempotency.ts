import type { Kysely } from 'kysely';

// Idempotency-Key for sends: the same key from the same user within 24 h returns the stored
// exchange instead of sending again. The row is written in the transaction that stores the
// user message, so a key can never be "used" without its exchange existing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('chat_sessions.id').onDelete('cascade'))
    .addColumn('user_message_id', 'uuid', (c) => c.notNull())
    .addColumn('assistant_message_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_expires_idx')
    .on('idempotency_keys')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
