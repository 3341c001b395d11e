import type { ChatSession, TitleSource } from '../../../src/domain/chat/chat-session.entity.js';
import type {
  ChatExchangeRepository,
  ChatMessageRepository,
  ChatSessionRepository,
  MessageCursor,
  NewExchange,
  ReplyEnd,
  SendState,
  SessionCursor,
} from '../../../src/domain/chat/chat.repositories.js';
import { IdempotencyConflict, ReplyInProgress } from '../../../src/domain/chat/chat-errors.js';
import type { ChatMessage } from '../../../src/domain/chat/message.js';
import { InMemoryIdempotencyRepository } from './in-memory-idempotency.js';

/*
 * In-memory fakes of the chat repositories, for use-case unit tests. They keep the contracts
 * the Kysely repositories keep (ordering, keyset positions, deleted rows hidden, the
 * one-streaming-reply lock), so a use case tested on them behaves the same on PostgreSQL.
 */

/** Ascending by a timestamp, then by id: the (time, id) order of the keyset indexes. */
const byTimeThenId =
  <T extends { id: string }>(at: (x: T) => Date) =>
  (a: T, b: T) =>
    at(a).getTime() - at(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class InMemoryChatMessageRepository implements ChatMessageRepository {
  readonly messages = new Map<string, ChatMessage>();

  private ofSession(sessionId: string): ChatMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.sessionId === sessionId)
      .sort(byTimeThenId<ChatMessage>((m) => m.createdAt));
  }

  async insert(message: ChatMessage) {
    if (
      message.status === 'streaming' &&
      [...this.messages.values()].some((m) => m.sessionId === message.sessionId && m.status === 'streaming')
    ) {
      throw new ReplyInProgress();
    }
    this.messages.set(message.id, message);
  }
  async latest(sessionId: string, page: { limit: number; before?: MessageCursor }) {
    const before = page.before;
    const older = before
      ? this.ofSession(sessionId).filter(
          (m) =>
            m.createdAt < before.createdAt ||
            (m.createdAt.getTime() === before.createdAt.getTime() && m.id < before.id),
        )
      : this.ofSession(sessionId);
    return older.slice(Math.max(0, older.length - page.limit));
  }
  async all(sessionId: string) {
    return this.ofSession(sessionId);
  }
  async saveProgress(id: string, content: string, now: Date) {
    const m = this.messages.get(id);
    if (m?.status === 'streaming') this.messages.set(id, { ...m, content, updatedAt: now });
  }
  async interruptStale(staleBefore: Date, now: Date) {
    let n = 0;
    for (const m of this.messages.values()) {
      if (m.status === 'streaming' && m.updatedAt < staleBefore) {
        this.messages.set(m.id, { ...m, status: 'interrupted', errorCode: 'instance_lost', updatedAt: now });
        n++;
      }
    }
    return n;
  }
  async findById(sessionId: string, id: string) {
    const m = this.messages.get(id);
    return m?.sessionId === sessionId ? m : undefined;
  }
  /** Hard-deleting a session cascades to its messages, as the foreign key does. */
  dropSession(sessionId: string) {
    for (const m of [...this.messages.values()]) if (m.sessionId === sessionId) this.messages.delete(m.id);
  }
}

/** Word-prefix search like the prefix tsquery: every term must start a word of the text. */
function matches(text: string, search: string): boolean {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const terms = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return terms.length > 0 && terms.every((t) => words.some((w) => w.startsWith(t)));
}

export class InMemoryChatSessionRepository implements ChatSessionRepository {
  readonly sessions = new Map<string, ChatSession>();

  constructor(private readonly messages?: InMemoryChatMessageRepository) {}

  async create(session: ChatSession) {
    this.sessions.set(session.id, session);
  }
  async findOwned(userId: string, id: string, options: { includeDeleted?: boolean } = {}) {
    const s = this.sessions.get(id);
    if (!s || s.userId !== userId || (s.deletedAt && !options.includeDeleted)) return undefined;
    return s;
  }
  async list(userId: string, page: { limit: number; after?: SessionCursor; search?: string }) {
    const after = page.after;
    return [...this.sessions.values()]
      .filter((s) => s.userId === userId && !s.deletedAt)
      .filter(
        (s) =>
          !after ||
          s.lastActivityAt < after.lastActivityAt ||
          (s.lastActivityAt.getTime() === after.lastActivityAt.getTime() && s.id < after.id),
      )
      .filter(
        (s) =>
          page.search === undefined ||
          matches(s.title, page.search) ||
          [...(this.messages?.messages.values() ?? [])].some(
            (m) => m.sessionId === s.id && matches(m.content, page.search!),
          ),
      )
      .sort(byTimeThenId<ChatSession>((s) => s.lastActivityAt))
      .reverse()
      .slice(0, page.limit);
  }
  async rename(id: string, title: string, titleSource: TitleSource, now: Date) {
    const s = this.sessions.get(id);
    if (!s || s.deletedAt) return undefined;
    const renamed = { ...s, title, titleSource, updatedAt: now };
    this.sessions.set(id, renamed);
    return renamed;
  }
  async softDelete(id: string, now: Date) {
    const s = this.sessions.get(id);
    if (!s || s.deletedAt) return false;
    this.sessions.set(id, { ...s, deletedAt: now, updatedAt: now });
    return true;
  }
  async restore(id: string, now: Date) {
    const s = this.sessions.get(id);
    if (!s || !s.deletedAt) return undefined;
    const restored = { ...s, deletedAt: null, updatedAt: now };
    this.sessions.set(id, restored);
    return restored;
  }
  /** Seeding helper (a send moves the session through the exchange repository). */
  async touch(id: string, added: number, now: Date) {
    const s = this.sessions.get(id);
    if (s)
      this.sessions.set(id, {
        ...s,
        lastActivityAt: now,
        updatedAt: now,
        messageCount: s.messageCount + added,
      });
  }
  async purgeDeletedBefore(cutoff: Date, batchSize: number) {
    const doomed = [...this.sessions.values()]
      .filter((s) => s.deletedAt && s.deletedAt < cutoff)
      .sort((a, b) => a.deletedAt!.getTime() - b.deletedAt!.getTime())
      .slice(0, batchSize);
    for (const s of doomed) {
      this.sessions.delete(s.id);
      this.messages?.dropSession(s.id);
    }
    return doomed.length;
  }
}

/** The send route's statements over the other fakes, with the same all-or-nothing outcomes. */
export class InMemoryChatExchangeRepository implements ChatExchangeRepository {
  constructor(
    private readonly sessions: InMemoryChatSessionRepository,
    private readonly messages: InMemoryChatMessageRepository,
    private readonly keys: InMemoryIdempotencyRepository,
  ) {}

  async loadForSend(
    userId: string,
    sessionId: string,
    options: { historyLimit: number; idempotencyKey?: string; now: Date },
  ): Promise<SendState | undefined> {
    const session = await this.sessions.findOwned(userId, sessionId);
    if (!session) return undefined;
    const record =
      options.idempotencyKey === undefined
        ? undefined
        : this.keys.records.get(`${userId}:${options.idempotencyKey}`);
    return {
      session,
      replyInProgress: this.streaming(sessionId),
      history: await this.messages.latest(sessionId, { limit: options.historyLimit }),
      idempotency: record && record.expiresAt > options.now ? record : undefined,
    };
  }
  async open(exchange: NewExchange, now: Date) {
    const { userMessage, assistantMessage, idempotency } = exchange;
    const session = this.sessions.sessions.get(userMessage.sessionId);
    if (!session || session.deletedAt) return false;
    if (this.streaming(session.id)) throw new ReplyInProgress();
    if (idempotency) {
      const existing = this.keys.records.get(`${idempotency.userId}:${idempotency.key}`);
      if (existing && existing.expiresAt > now) throw new IdempotencyConflict();
      this.keys.records.set(`${idempotency.userId}:${idempotency.key}`, idempotency);
    }
    await this.messages.insert(userMessage);
    await this.messages.insert(assistantMessage);
    const untitled = session.titleSource === 'default' && session.messageCount === 0;
    this.sessions.sessions.set(session.id, {
      ...session,
      ...(untitled && { title: exchange.autoTitle, titleSource: 'auto' as const }),
      lastActivityAt: now,
      updatedAt: now,
      messageCount: session.messageCount + 2,
    });
    return true;
  }
  async close(reply: { id: string; sessionId: string }, end: ReplyEnd, now: Date) {
    const session = this.sessions.sessions.get(reply.sessionId);
    if (session) this.sessions.sessions.set(session.id, { ...session, lastActivityAt: now, updatedAt: now });
    const m = this.messages.messages.get(reply.id);
    if (m?.status !== 'streaming') return false;
    this.messages.messages.set(reply.id, { ...m, ...end, updatedAt: now });
    return true;
  }
  private streaming(sessionId: string) {
    return [...this.messages.messages.values()].some(
      (m) => m.sessionId === sessionId && m.status === 'streaming',
    );
  }
}

/** Linked, so that search sees message text, a purge drops messages and a send writes both. */
export function inMemoryChatRepositories() {
  const chatMessages = new InMemoryChatMessageRepository();
  const chatSessions = new InMemoryChatSessionRepository(chatMessages);
  const idempotency = new InMemoryIdempotencyRepository();
  return {
    chatSessions,
    chatMessages,
    idempotency,
    chatExchanges: new InMemoryChatExchangeRepository(chatSessions, chatMessages, idempotency),
  };
}
