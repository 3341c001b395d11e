import type { ChatSession, TitleSource } from '../../../src/domain/chat/chat-session.entity.js';
import type { ChatMessageRepository, ChatSessionRepository, MessageCursor, SessionCursor } from '../../../src/domain/chat/chat.repositories.js';
import { ReplyInProgress } from '../../../src/domain/chat/chat-errors.js';
import type { ChatMessage, FinalStatus } from '../../../src/domain/chat/message.js';

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
    return [...this.messages.values()].filter((m) => m.sessionId === sessionId).sort(byTimeThenId<ChatMessage>((m) => m.createdAt));
  }

  async insert(message: ChatMessage) {
    if (message.status === 'streaming' && [...this.messages.values()].some((m) => m.sessionId === message.sessionId && m.status === 'streaming')) {
      throw new ReplyInProgress();
    }
    this.messages.set(message.id, message);
  }
  async latest(sessionId: string, page: { limit: number; before?: MessageCursor }) {
    const before = page.before;
    const older = before
      ? this.ofSession(sessionId).filter((m) => m.createdAt < before.createdAt || (m.createdAt.getTime() === before.createdAt.getTime() && m.id < before.id))
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
  async finish(
    id: string,
    outcome: { status: FinalStatus; content: string; tokenCount: number; tokenCountEstimated: boolean; finishReason: string | null; errorCode: string | null },
    now: Date,
  ) {
    const m = this.messages.get(id);
    if (m?.status !== 'streaming') return false;
    this.messages.set(id, { ...m, ...outcome, updatedAt: now });
    return true;
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
  async hasStreaming(sessionId: string) {
    return [...this.messages.values()].some((m) => m.sessionId === sessionId && m.status === 'streaming');
  }
  /** Hard-deleting a session cascades to its messages, as the foreign key does. */
  dropSession(sessionId: string) {
    for (const m of [...this.messages.values()]) if (m.sessionId === sessionId) this.messages.delete(m.id);
  }
}

/** Word-prefix search like the prefix tsquery: every term must start a word of the text. */
function matches(text: string, search: string): boolean {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const terms = search.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
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
      .filter((s) => !after || s.lastActivityAt < after.lastActivityAt || (s.lastActivityAt.getTime() === after.lastActivityAt.getTime() && s.id < after.id))
      .filter((s) => page.search === undefined || matches(s.title, page.search) || [...(this.messages?.messages.values() ?? [])].some((m) => m.sessionId === s.id && matches(m.content, page.search!)))
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
  async touch(id: string, added: number, now: Date) {
    const s = this.sessions.get(id);
    if (s) this.sessions.set(id, { ...s, lastActivityAt: now, updatedAt: now, messageCount: s.messageCount + added });
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

/** The pair, linked so that search sees message text and a purge drops messages. */
export function inMemoryChatRepositories() {
  const chatMessages = new InMemoryChatMessageRepository();
  return { chatSessions: new InMemoryChatSessionRepository(chatMessages), chatMessages };
}
