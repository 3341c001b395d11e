import { sql, type Kysely } from 'kysely';

// Chat sessions and messages. Search uses built-in full-text search ('simple' configuration:
// no stemming, so it behaves the same for every language) on generated tsvector columns.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('default')
        .check(sql`title_source in ('default', 'auto', 'user')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('title_tsv', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', title)`).stored(),
    )
    .execute();
  // The session list: one user's live sessions, newest activity first, keyset on (last_activity_at, id).
  await db.schema
    .createIndex('chat_sessions_list_idx')
    .on('chat_sessions')
    .columns(['user_id', 'last_activity_at desc', 'id desc'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // The purge job: deleted sessions by deletion time.
  await db.schema
    .createIndex('chat_sessions_deleted_idx')
    .on('chat_sessions')
    .column('deleted_at')
    .where(sql.ref('deleted_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('chat_sessions_title_tsv_idx')
    .on('chat_sessions')
    .using('gin')
    .column('title_tsv')
    .execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('chat_sessions.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'assistant')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('complete', 'streaming', 'cancelled', 'interrupted', 'error')`),
    )
    .addColumn('token_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_count_estimated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('model', 'text')
    .addColumn('finish_reason', 'text')
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('content_tsv', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', content)`).stored(),
    )
    .execute();
  // Message pages: a session's messages by (created_at, id), read backwards from the newest.
  await db.schema
    .createIndex('chat_messages_page_idx')
    .on('chat_messages')
    .columns(['session_id', 'created_at desc', 'id desc'])
    .execute();
  // One reply at a time per session, visible to every instance: the lock is this index.
  await db.schema
    .createIndex('chat_messages_one_streaming_per_session')
    .on('chat_messages')
    .unique()
    .column('session_id')
    .where(sql.ref('status'), '=', 'streaming')
    .execute();
  // The sweeper: replies left streaming by a crashed instance.
  await db.schema
    .createIndex('chat_messages_streaming_idx')
    .on('chat_messages')
    .column('updated_at')
    .where(sql.ref('status'), '=', 'streaming')
    .execute();
  await db.schema
    .createIndex('chat_messages_content_tsv_idx')
    .on('chat_messages')
    .using('gin')
    .column('content_tsv')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chat_messages').execute();
  await db.schema.dropTable('chat_sessions').execute();
}
