import { sql, type Kysely } from 'kysely';

// Replies that outlive their request (issue 13).
//
// - `last_event_id`: the id of the last reply-log event that a streaming reply's saved `content`
//   includes (0: `reply.started`, nothing yet), so a reloaded page resumes the log right after
//   what it shows. A reply that ended keeps the last value it had.
// - `user_id` and `reply_slot`: the per-user cap on running replies (CHAT_MAX_RUNNING_REPLIES),
//   visible to every instance. A send takes a free slot (1..cap) for its reply; the partial
//   unique index makes two replies of one user in the same slot impossible, and frees the slot
//   by itself when the reply stops streaming, whoever ends the row (the run, a stop, the
//   sweeper): there is no counter to keep in step. `user_id` is the session's owner, copied so
//   that the index can be per user; messages stored before this migration have none, except
//   the replies streaming right now, which take slots in the order they started.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('chat_messages')
    .addColumn('user_id', 'uuid')
    .addColumn('reply_slot', 'smallint')
    .addColumn('last_event_id', 'integer')
    .execute();
  await sql`
    update chat_messages m set user_id = r.user_id, reply_slot = r.slot, last_event_id = 0
    from (
      select m2.id, s.user_id, row_number() over (partition by s.user_id order by m2.created_at, m2.id) as slot
      from chat_messages m2 join chat_sessions s on s.id = m2.session_id
      where m2.status = 'streaming'
    ) r
    where m.id = r.id`.execute(db);
  await db.schema
    .createIndex('chat_messages_running_per_user')
    .on('chat_messages')
    .columns(['user_id', 'reply_slot'])
    .unique()
    .where(sql.ref('status'), '=', 'streaming')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chat_messages_running_per_user').execute();
  await db.schema
    .alterTable('chat_messages')
    .dropColumn('last_event_id')
    .dropColumn('reply_slot')
    .dropColumn('user_id')
    .execute();
}
