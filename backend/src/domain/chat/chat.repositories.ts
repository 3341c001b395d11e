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
  findOwned(
    userId: string,
    id: string,
    options?: { includeDeleted?: boolean },
  ): Promise<ChatSession | undefined>;
  /** Newest activity first, deleted excluded; `search` matches titles and message text. */
  list(
    userId: string,
    page: { limit: number; after?: SessionCursor; search?: string },
  ): Promise<ChatSession[]>;
  rename(id: string, title: string, source: TitleSource, now: Date): Promise<ChatSession | undefined>;
  softDelete(id: string, now: Date): Promise<boolean>;
  restore(id: string, now: Date): Promise<ChatSession | undefined>;
  /** Hard-deletes sessions soft-deleted before `cutoff`; returns how many. */
  purgeDeletedBefore(cutoff: Date, batchSize: number): Promise<number>;
}

export interface ChatMessageRepository {
  /** The latest `limit` messages before `before` (all when absent), returned oldest first. */
  latest(sessionId: string, page: { limit: number; before?: MessageCursor }): Promise<ChatMessage[]>;
  /** Every message, oldest first (export). */
  all(sessionId: string): Promise<ChatMessage[]>;
  findById(sessionId: string, id: string): Promise<ChatMessage | undefined>;
}

/** How a reply ended: what its row keeps. */
export interface ReplyEnd {
  readonly status: FinalStatus;
  readonly content: string;
  readonly tokenCount: number;
  readonly tokenCountEstimated: boolean;
  readonly finishReason: string | null;
  readonly errorCode: string | null;
  /** The id of the last log event `content` includes. */
  readonly lastEventId: number;
}

/** A reply ended by someone other than its run: the text it had saved last is what it keeps. */
export interface ReplyAbandon {
  readonly status: Exclude<FinalStatus, 'complete'>;
  readonly errorCode: string;
}

/** A reply row and its owner, as the ones that end it from outside need them. */
export interface OwnedReply {
  readonly userId: string;
  readonly message: ChatMessage;
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

/** Records are read and written with their exchange (ChatExchangeRepository); this clears them out. */
export interface IdempotencyRepository {
  deleteExpired(now: Date): Promise<number>;
}

/** What a send needs to know before it stores anything, read together. */
export interface SendState {
  readonly session: ChatSession;
  /** A reply is streaming in the session right now: its lock is taken. */
  readonly replyInProgress: boolean;
  /** How many replies the user has streaming right now, in all their sessions, on every instance. */
  readonly runningReplies: number;
  /** The session's newest messages (up to the limit asked for), oldest first. */
  readonly history: ChatMessage[];
  /** The live record of the Idempotency-Key asked about, if there is one. */
  readonly idempotency: IdempotencyRecord | undefined;
}

/** A question and the reply row that will hold its answer. */
export interface NewExchange {
  readonly userId: string;
  readonly userMessage: ChatMessage;
  readonly assistantMessage: ChatMessage;
  /** CHAT_MAX_RUNNING_REPLIES: the reply takes one of the user's slots 1..replySlots that is free. */
  readonly replySlots: number;
  /** The title the session takes if this is its first message and nobody has named it. */
  readonly autoTitle: string;
  readonly idempotency?: IdempotencyRecord;
}

/**
 * The database work of a reply, from the send to its end. The send's statements are shaped for
 * its hot path: each is one statement (one round trip, atomic on its own), because the time
 * before the model is called is time the user waits for the first token (docs/performance.md).
 * Every way a reply ends is one conditional update (`where status = 'streaming'`): whoever's
 * update ends the row (the run, a stop nobody acknowledged, the sweeper) is the one that writes
 * the reply's final event, so there is exactly one.
 */
export interface ChatExchangeRepository {
  /**
   * The user's live session with what a send checks: the reply lock, how many replies the user
   * has running, the newest `historyLimit` messages and the Idempotency-Key's record (live at
   * `now`). Undefined when the session is not theirs or is deleted.
   */
  loadForSend(
    userId: string,
    sessionId: string,
    options: { historyLimit: number; idempotencyKey?: string; now: Date },
  ): Promise<SendState | undefined>;
  /**
   * All or nothing: stores both messages (the reply as `streaming`, which takes the session's
   * lock and a free one of the user's reply slots), moves the session's activity and message
   * count, gives a new untitled session `autoTitle`, and records the Idempotency-Key (an expired
   * record with that key is replaced). Returns the session as it is after the send. Throws
   * ReplyInProgress when another reply holds the lock, TooManyRunningReplies when no slot is
   * free (other sends took them meanwhile), and IdempotencyConflict when a live record with the
   * key exists; undefined when the session is gone (deleted meanwhile).
   */
  open(exchange: NewExchange, now: Date): Promise<ChatSession | undefined>;
  /** Saves the text of a reply still streaming, up to log event `lastEventId` (progress; survives a crash). */
  saveProgress(id: string, content: string, lastEventId: number, now: Date): Promise<void>;
  /** Ends a streaming reply and moves its session's activity; false when it was no longer streaming. */
  close(
    reply: { readonly id: string; readonly sessionId: string },
    end: ReplyEnd,
    now: Date,
  ): Promise<boolean>;
  /**
   * Ends a streaming reply from outside its run (a stop nobody acknowledged), keeping the text
   * it saved last; the ended row, or undefined when it was no longer streaming.
   */
  abandon(
    reply: { readonly id: string; readonly sessionId: string },
    end: ReplyAbandon,
    now: Date,
  ): Promise<ChatMessage | undefined>;
  /**
   * Ends, `interrupted` / `instance_lost`, every streaming reply not saved since `staleBefore`
   * (its instance died), keeping the text saved last; the rows it ended, with their owners.
   */
  interruptStale(staleBefore: Date, now: Date): Promise<OwnedReply[]>;
  /** The reply streaming in a session right now, if any (there is at most one). */
  runningIn(sessionId: string): Promise<ChatMessage | undefined>;
}
