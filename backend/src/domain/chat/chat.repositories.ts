import type { ChatSession, TitleSource } from './chat-session.entity.js';
import type { ChatMessage, FinalStatus } from './message.js';

/** Keyset position in a session list: (last_activity_at desc, id desc). */
export interface SessionCursor {
  readonly lastActivityAt: Date;
  readonly id: string;
}

/** Keyset position in a session's messages: (created_at, id), pages go backwards in time. */
export interface MessageCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface ChatSessionRepository {
  create(session: ChatSession): Promise<void>;
  /** The user's session if it exists and is not deleted; someone else's or a deleted one is undefined. */
  findOwned(userId: string, id: string, options?: { includeDeleted?: boolean }): Promise<ChatSession | undefined>;
  /** Newest activity first, deleted excluded; `search` matches titles and message text. */
  list(userId: string, page: { limit: number; after?: SessionCursor; search?: string }): Promise<ChatSession[]>;
  rename(id: string, title: string, source: TitleSource, now: Date): Promise<ChatSession | undefined>;
  softDelete(id: string, now: Date): Promise<boolean>;
  restore(id: string, now: Date): Promise<ChatSession | undefined>;
  /** Moves the session to the top and counts `added` new messages. */
  touch(id: string, added: number, now: Date): Promise<void>;
  /** Hard-deletes sessions soft-deleted before `cutoff`; returns how many. */
  purgeDeletedBefore(cutoff: Date, batchSize: number): Promise<number>;
}

export interface ChatMessageRepository {
  insert(message: ChatMessage): Promise<void>;
  /** The latest `limit` messages before `before` (all when absent), returned oldest first. */
  latest(sessionId: string, page: { limit: number; before?: MessageCursor }): Promise<ChatMessage[]>;
  /** Every message, oldest first (export). */
  all(sessionId: string): Promise<ChatMessage[]>;
  /** Saves the text of a reply still streaming (progress; survives a crash). */
  saveProgress(id: string, content: string, now: Date): Promise<void>;
  /** Ends a streaming reply; false when it was no longer streaming (already finalised). */
  finish(
    id: string,
    outcome: { status: FinalStatus; content: string; tokenCount: number; tokenCountEstimated: boolean; finishReason: string | null; errorCode: string | null },
    now: Date,
  ): Promise<boolean>;
  /** Marks replies left streaming and not saved since `staleBefore` as interrupted (crashed instance). */
  interruptStale(staleBefore: Date, now: Date): Promise<number>;
  findById(sessionId: string, id: string): Promise<ChatMessage | undefined>;
  /** Whether a reply is being written in the session right now (the lock is held). */
  hasStreaming(sessionId: string): Promise<boolean>;
}

/** A send made with an Idempotency-Key: enough to find its exchange again. */
export interface IdempotencyRecord {
  readonly userId: string;
  readonly key: string;
  /** Hash of what was sent (session, content, params), so a reused key with another request is caught. */
  readonly requestHash: string;
  readonly sessionId: string;
  readonly userMessageId: string;
  readonly assistantMessageId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface IdempotencyRepository {
  /** The live record (not expired at `now`), if any. */
  find(userId: string, key: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /** False when a live record with this key exists already (a concurrent first request). */
  insert(record: IdempotencyRecord): Promise<boolean>;
  deleteExpired(now: Date): Promise<number>;
}
