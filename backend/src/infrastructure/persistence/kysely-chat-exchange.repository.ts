import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  IdempotencyConflict,
  ReplyInProgress,
  TooManyRunningReplies,
} from '../../domain/chat/chat-errors.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import type {
  ChatExchangeRepository,
  IdempotencyRecord,
  NewExchange,
  OwnedReply,
  ReplyAbandon,
  ReplyEnd,
  SendState,
} from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import type { ChatSessionsTable, Database } from './database.js';
import {
  CHAT_MESSAGE_COLUMNS,
  toChatMessage,
  type ChatMessageRow,
} from './kysely-chat-message.repository.js';
import { toChatSession } from './kysely-chat-session.repository.js';
import { uniqueViolation } from './postgres-errors.js';
import { isUuid } from './uuid.js';

type SessionRow = Omit<Selectable<ChatSessionsTable>, 'title_tsv'>;
/** One row per history message (or one with m_id null): the session's columns repeat. */
type SendStateRow = SessionRow & {
  reply_in_progress: boolean;
  running_replies: number;
  k_request_hash: string | null;
  k_session_id: string | null;
  k_user_message_id: string | null;
  k_assistant_message_id: string | null;
  k_created_at: Date | null;
  k_expires_at: Date | null;
} & { [K in keyof ChatMessageRow as `m_${K}`]: ChatMessageRow[K] | null };

const SESSION_COLUMNS = sql.raw(
  'id, user_id, title, title_source, created_at, updated_at, last_activity_at, message_count, deleted_at',
);
const MESSAGE_COLUMNS = sql.raw(CHAT_MESSAGE_COLUMNS.join(', '));
/** How many times a send tries for a free reply slot that simultaneous sends keep taking. */
const SLOT_ATTEMPTS = 5;

/** The unique indexes a send can break, as the domain errors they mean. */
function translate(error: unknown): unknown {
  const constraint = uniqueViolation(error);
  // The partial unique index on (session_id) where status = 'streaming' is the session's lock.
  if (constraint === 'chat_messages_one_streaming_per_session') return new ReplyInProgress();
  // A live record with this key: the same key sent twice at once (the later one loses).
  if (constraint === 'idempotency_keys_pkey') return new IdempotencyConflict();
  return error;
}

/**
 * The send route's statements (see ChatExchangeRepository). Each is a single statement, so each
 * is one round trip and atomic without an explicit transaction: BEGIN, five statements and
 * COMMIT were six round trips the user waited through before the first token.
 *
 * Written as SQL because they are data-modifying CTEs and lateral joins; every value is a bound
 * parameter with an explicit cast (a parameter in a SELECT list has no column to take its type from).
 */
export class KyselyChatExchangeRepository implements ChatExchangeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async loadForSend(
    userId: string,
    sessionId: string,
    options: { historyLimit: number; idempotencyKey?: string; now: Date },
  ): Promise<SendState | undefined> {
    if (!isUuid(userId) || !isUuid(sessionId)) return undefined;
    const { rows } = await sql<SendStateRow>`
      select s.id, s.user_id, s.title, s.title_source, s.created_at, s.updated_at, s.last_activity_at, s.message_count, s.deleted_at,
        -- By the parameter, not s.id: an uncorrelated EXISTS runs once, not once per history row.
        exists (select 1 from chat_messages w where w.session_id = ${sessionId}::uuid and w.status = 'streaming') as reply_in_progress,
        -- The user's running replies (the partial unique index on (user_id, reply_slot) where streaming).
        (select count(*) from chat_messages r where r.user_id = ${userId}::uuid and r.status = 'streaming')::integer as running_replies,
        k.request_hash as k_request_hash, k.session_id as k_session_id, k.user_message_id as k_user_message_id,
        k.assistant_message_id as k_assistant_message_id, k.created_at as k_created_at, k.expires_at as k_expires_at,
        m.id as m_id, m.session_id as m_session_id, m.role as m_role, m.content as m_content, m.status as m_status,
        m.token_count as m_token_count, m.token_count_estimated as m_token_count_estimated, m.model as m_model,
        m.finish_reason as m_finish_reason, m.error_code as m_error_code, m.last_event_id as m_last_event_id,
        m.created_at as m_created_at, m.updated_at as m_updated_at
      from chat_sessions s
      left join idempotency_keys k on k.user_id = s.user_id and k.key = ${options.idempotencyKey ?? null}::text and k.expires_at > ${options.now}::timestamptz
      left join lateral (
        select ${MESSAGE_COLUMNS}
        from chat_messages where session_id = s.id order by created_at desc, id desc limit ${options.historyLimit}::integer
      ) m on true
      where s.id = ${sessionId}::uuid and s.user_id = ${userId}::uuid and s.deleted_at is null
      order by m.created_at, m.id`.execute(this.db);
    const first = rows[0];
    if (!first) return undefined;
    const history: ChatMessage[] = [];
    for (const row of rows) {
      if (row.m_id === null) continue;
      history.push(
        toChatMessage({
          id: row.m_id,
          session_id: row.m_session_id!,
          role: row.m_role!,
          content: row.m_content!,
          status: row.m_status!,
          token_count: row.m_token_count!,
          token_count_estimated: row.m_token_count_estimated!,
          model: row.m_model,
          finish_reason: row.m_finish_reason,
          error_code: row.m_error_code,
          last_event_id: row.m_last_event_id,
          created_at: row.m_created_at!,
          updated_at: row.m_updated_at!,
        }),
      );
    }
    const idempotency: IdempotencyRecord | undefined =
      first.k_request_hash === null
        ? undefined
        : {
            userId,
            key: options.idempotencyKey!,
            requestHash: first.k_request_hash,
            sessionId: first.k_session_id!,
            userMessageId: first.k_user_message_id!,
            assistantMessageId: first.k_assistant_message_id!,
            createdAt: new Date(first.k_created_at!),
            expiresAt: new Date(first.k_expires_at!),
          };
    return {
      session: toChatSession(first),
      replyInProgress: first.reply_in_progress,
      runningReplies: first.running_replies,
      history,
      idempotency,
    };
  }

  async open(exchange: NewExchange, now: Date): Promise<ChatSession | undefined> {
    // Sends of one user at once may pick the same free slot: the later one's insert then breaks
    // the slot index and the statement changes nothing; it tries again with the slots left.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.openOnce(exchange, now);
      } catch (error) {
        if (uniqueViolation(error) !== 'chat_messages_running_per_user') throw translate(error);
        if (attempt >= SLOT_ATTEMPTS) throw new TooManyRunningReplies();
      }
    }
  }

  private async openOnce(exchange: NewExchange, now: Date): Promise<ChatSession | undefined> {
    const { userMessage, assistantMessage, idempotency } = exchange;
    const messageRow = (message: ChatMessage, slot: RawBuilder<unknown>) =>
      sql`(${message.id}::uuid, ${message.sessionId}::uuid, ${message.role}::text, ${message.content}::text, ${message.status}::text, ${message.tokenCount}::integer,
        ${message.tokenCountEstimated}::boolean, ${message.model}::text, ${message.finishReason}::text, ${message.errorCode}::text, ${message.createdAt}::timestamptz, ${message.updatedAt}::timestamptz,
        ${exchange.userId}::uuid, ${slot}, ${message.lastEventId}::integer)`;
    // Data-modifying CTEs all run, referenced or not; `expired` is referenced by `recorded` so
    // that an expired record is gone before the new one goes in (their order is otherwise not
    // defined). `slot` is a free one of the user's running-reply slots, picked at random so
    // that simultaneous sends rarely pick the same; without one, nothing is written.
    const { rows } = await sql<SessionRow & { reply_slot: number | null }>`
      with slot as (
        select n from generate_series(1, ${exchange.replySlots}::integer) n
        where not exists (
          select 1 from chat_messages r where r.user_id = ${exchange.userId}::uuid and r.status = 'streaming' and r.reply_slot = n
        )
        order by random() limit 1
      ),
      session as (
        update chat_sessions set
          last_activity_at = ${now}::timestamptz, updated_at = ${now}::timestamptz, message_count = message_count + 2,
          title = case when title_source = 'default' and message_count = 0 then ${exchange.autoTitle}::text else title end,
          title_source = case when title_source = 'default' and message_count = 0 then 'auto' else title_source end
        where id = ${userMessage.sessionId}::uuid and deleted_at is null and exists (select 1 from slot)
        returning ${SESSION_COLUMNS}
      ),
      messages as (
        insert into chat_messages (id, session_id, role, content, status, token_count, token_count_estimated, model, finish_reason, error_code, created_at, updated_at,
          user_id, reply_slot, last_event_id)
        select v.* from session, (values
          ${messageRow(userMessage, sql`null::smallint`)},
          ${messageRow(assistantMessage, sql`(select n from slot)::smallint`)}) as v
        returning id
      ),
      expired as (
        delete from idempotency_keys
        where ${idempotency !== undefined}::boolean and user_id = ${idempotency?.userId ?? null}::uuid and key = ${idempotency?.key ?? null}::text and expires_at <= ${now}::timestamptz
        returning 1
      ),
      recorded as (
        insert into idempotency_keys (user_id, key, request_hash, session_id, user_message_id, assistant_message_id, created_at, expires_at)
        select ${idempotency?.userId ?? null}::uuid, ${idempotency?.key ?? null}::text, ${idempotency?.requestHash ?? null}::text, ${userMessage.sessionId}::uuid,
          ${userMessage.id}::uuid, ${assistantMessage.id}::uuid, ${now}::timestamptz, ${idempotency?.expiresAt ?? null}::timestamptz
        from session where ${idempotency !== undefined}::boolean and (select count(*) from expired) >= 0
        returning 1
      )
      select s.*, (select n from slot)::integer as reply_slot from (select 1) as one left join session s on true`.execute(
      this.db,
    );
    const row = rows[0];
    if (row?.reply_slot === null || row?.reply_slot === undefined) throw new TooManyRunningReplies();
    return row.id === null ? undefined : toChatSession(row);
  }

  async close(reply: { id: string; sessionId: string }, end: ReplyEnd, now: Date): Promise<boolean> {
    // The session row is locked before the reply row, the order `open` takes them in; the other
    // order could deadlock with a send whose lock check waits for this reply's update.
    const { rows } = await sql<{ closed: number }>`
      with session as (
        update chat_sessions set last_activity_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        where id = ${reply.sessionId}::uuid
        returning id
      ),
      reply as (
        update chat_messages set
          status = ${end.status}::text, content = ${end.content}::text, token_count = ${end.tokenCount}::integer,
          token_count_estimated = ${end.tokenCountEstimated}::boolean, finish_reason = ${end.finishReason}::text,
          error_code = ${end.errorCode}::text, last_event_id = ${end.lastEventId}::integer, updated_at = ${now}::timestamptz
        where id = ${reply.id}::uuid and status = 'streaming' and session_id = (select id from session)
        returning 1
      )
      select (select count(*) from reply)::integer as closed`.execute(this.db);
    return rows[0]?.closed === 1;
  }

  async saveProgress(id: string, content: string, lastEventId: number, now: Date): Promise<void> {
    await this.db
      .updateTable('chat_messages')
      .set({ content, last_event_id: lastEventId, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'streaming')
      .execute();
  }

  async abandon(
    reply: { id: string; sessionId: string },
    end: ReplyAbandon,
    now: Date,
  ): Promise<ChatMessage | undefined> {
    // Session row first, as in `open` and `close`.
    const { rows } = await sql<ChatMessageRow>`
      with session as (
        update chat_sessions set last_activity_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        where id = ${reply.sessionId}::uuid
        returning id
      )
      update chat_messages set status = ${end.status}::text, error_code = ${end.errorCode}::text, updated_at = ${now}::timestamptz
      where id = ${reply.id}::uuid and status = 'streaming' and session_id = (select id from session)
      returning ${MESSAGE_COLUMNS}`.execute(this.db);
    return rows[0] && toChatMessage(rows[0]);
  }

  async interruptStale(staleBefore: Date, now: Date): Promise<OwnedReply[]> {
    // The session's activity is left alone: nobody did anything in it.
    const { rows } = await sql<ChatMessageRow & { owner_id: string }>`
      update chat_messages m set status = 'interrupted', error_code = 'instance_lost', updated_at = ${now}::timestamptz
      from chat_sessions s
      where m.status = 'streaming' and m.updated_at < ${staleBefore}::timestamptz and s.id = m.session_id
      returning ${sql.raw(CHAT_MESSAGE_COLUMNS.map((c) => `m.${c}`).join(', '))}, s.user_id as owner_id`.execute(
      this.db,
    );
    return rows.map((row) => ({ userId: row.owner_id, message: toChatMessage(row) }));
  }

  async runningIn(sessionId: string): Promise<ChatMessage | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const row = await this.db
      .selectFrom('chat_messages')
      .select(CHAT_MESSAGE_COLUMNS)
      .where('session_id', '=', sessionId)
      .where('status', '=', 'streaming')
      .executeTakeFirst();
    return row && toChatMessage(row);
  }
}
