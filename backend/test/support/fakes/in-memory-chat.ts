import type { ChatSession, TitleSource } from '../../../src/domain/chat/chat-session.entity.js';
import type {
  ChatExchangeRepository,
  ChatMessageRepository,
  ChatSessionRepository,
  MessageCursor,
  NewExchange,
  OwnedReply,
  ReplyAbandon,
  ReplyEnd,
  SendState,
  SessionCursor,
} from '../../../src/domain/chat/chat.repositories.js';
import {
  IdempotencyConflict,
  ReplyInProgress,
  TooManyRunningReplies,
} from '../../../src/domain/chat/chat-errors.js';
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
  /** Each running reply's owner and slot (the partial unique index on (user_id, reply_slot)). */
  readonly slots = new Map<string, { userId: string; slot: number }>();

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
      runningReplies: this.runningSlots(userId).length,
      history: await this.messages.latest(sessionId, { limit: options.historyLimit }),
      idempotency: record && record.expiresAt > options.now ? record : undefined,
    };
  }
  async open(exchange: NewExchange, now: Date) {
    const { userMessage, assistantMessage, idempotency } = exchange;
    const session = this.sessions.sessions.get(userMessage.sessionId);
    if (!session || session.deletedAt) return undefined;
    if (this.streaming(session.id)) throw new ReplyInProgress();
    const taken = this.runningSlots(exchange.userId);
    const slot = Array.from({ length: exchange.replySlots }, (_, i) => i + 1).find((n) => !taken.includes(n));
    if (slot === undefined) throw new TooManyRunningReplies();
    if (idempotency) {
      const existing = this.keys.records.get(`${idempotency.userId}:${idempotency.key}`);
      if (existing && existing.expiresAt > now) throw new IdempotencyConflict();
      this.keys.records.set(`${idempotency.userId}:${idempotency.key}`, idempotency);
    }
    await this.messages.insert(userMessage);
    await this.messages.insert(assistantMessage);
    this.slots.set(assistantMessage.id, { userId: exchange.userId, slot });
    const untitled = session.titleSource === 'default' && session.messageCount === 0;
    const updated = {
      ...session,
      ...(untitled && { title: exchange.autoTitle, titleSource: 'auto' as const }),
      lastActivityAt: now,
      updatedAt: now,
      messageCount: session.messageCount + 2,
    };
    this.sessions.sessions.set(session.id, updated);
    return updated;
  }
  async saveProgress(id: string, content: string, lastEventId: number, now: Date) {
    const m = this.messages.messages.get(id);
    if (m?.status === 'streaming')
      this.messages.messages.set(id, { ...m, content, lastEventId, updatedAt: now });
  }
  async abandon(reply: { id: string; sessionId: string }, end: ReplyAbandon, now: Date) {
    const m = this.messages.messages.get(reply.id);
    if (m?.status !== 'streaming' || m.sessionId !== reply.sessionId) return undefined;
    const ended = { ...m, ...end, updatedAt: now };
    this.messages.messages.set(reply.id, ended);
    return ended;
  }
  async interruptStale(staleBefore: Date, now: Date) {
    const swept: OwnedReply[] = [];
    for (const m of [...this.messages.messages.values()]) {
      if (m.status !== 'streaming' || m.updatedAt >= staleBefore) continue;
      const ended = { ...m, status: 'interrupted' as const, errorCode: 'instance_lost', updatedAt: now };
      this.messages.messages.set(m.id, ended);
      swept.push({ userId: this.sessions.sessions.get(m.sessionId)!.userId, message: ended });
    }
    return swept;
  }
  async runningIn(sessionId: string) {
    return [...this.messages.messages.values()].find(
      (m) => m.sessionId === sessionId && m.status === 'streaming',
    );
  }
  async close(reply: { id: string; sessionId: string }, end: ReplyEnd, now: Date) {
    const session = this.sessions.sessions.get(reply.sessionId);
    if (session) this.sessions.sessions.set(session.id, { ...session, lastActivityAt: now, updatedAt: now });
    const m = this.messages.messages.get(reply.id);
    if (m?.status !== 'streaming') return false;
    this.messages.messages.set(reply.id, { ...m, ...end, updatedAt: now });
    return true;
  }
  private runningSlots(userId: string) {
    return [...this.slots.entries()]
      .filter(([id, s]) => s.userId === userId && this.messages.messages.get(id)?.status === 'streaming')
      .map(([, s]) => s.slot);
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
