import type { ChatMessage } from '../../../../domain/chat/message.js';

/**
 * The replayable log of one reply, keyed by the assistant message id. The run appends; every
 * reader (the sender's own stream, a resumed stream on any instance, the JSON mode waiting for
 * the end) reads it at its own pace. Ids are per reply: `reply.started` is 0, each
 * `message.delta` the next integer, and exactly one final event (`message.completed` or
 * `error`) closes the log. Nothing is trimmed while the reply runs; the final event starts a
 * countdown (CHAT_REPLY_LOG_TTL_S) after which the log is gone and the stored message answers.
 *
 * Everything here is plain JSON: the log may live in Redis and be read by an instance that
 * never saw the reply, after the one that produced it is gone.
 */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The assistant message as the log carries it: the stored row, with ISO-8601 dates. */
export type LoggedMessage = Omit<ChatMessage, 'createdAt' | 'updatedAt'> & {
  readonly createdAt: string;
  readonly updatedAt: string;
};

export interface ReplyUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Why a reply failed, in application terms: the HTTP layer turns `code` into a status and a problem body. */
export interface ReplyFailure {
  /** The stable error code (`llm_error`, `llm_timeout`, `service_unavailable`, ...). */
  readonly code: string;
  readonly message: string;
  /** Extra, safe-to-show facts for the client. */
  readonly details: { readonly [key: string]: JsonValue };
}

export type ReplyEvent =
  /** Always id 0: the assistant message as inserted, status `streaming`. */
  | { readonly type: 'reply.started'; readonly message: LoggedMessage }
  /** One per upstream delta, never batched. */
  | { readonly type: 'message.delta'; readonly messageId: string; readonly content: string }
  /** Final: the stored message (`complete` or `cancelled`), with the provider's counts when it sent them. */
  | { readonly type: 'message.completed'; readonly message: LoggedMessage; readonly usage: ReplyUsage | null }
  /** Final: the reply failed; the row ended `interrupted` (some text kept) or `error` (none). */
  | {
      readonly type: 'error';
      readonly messageId: string;
      readonly status: 'interrupted' | 'error';
      readonly failure: ReplyFailure;
    };

export type FinalReplyEvent = Extract<ReplyEvent, { type: 'message.completed' | 'error' }>;

export interface LoggedReplyEvent {
  readonly id: number;
  readonly event: ReplyEvent;
}

/** `afterId` for a reader that wants the log from its first event (no Last-Event-ID). */
export const FROM_THE_START = -1;

/**
 * A reader that got to the log too late (it expired after its end) or too early / on the wrong
 * instance (it never existed here): the caller answers from the stored message instead.
 */
export class ReplyLogMissing extends Error {
  constructor(readonly replyId: string) {
    super(`There is no log for reply ${replyId}: it expired, or was never written here.`);
    this.name = 'ReplyLogMissing';
  }
}

/**
 * Events after a position, then live ones, ending right after the final event. Pull-based: it
 * fetches a small batch only when the consumer asks for more, so a consumer that stops asking
 * holds at most `buffered` events and costs nobody else anything. End it early with the
 * `signal` given to `follow` (it then ends quietly, also while waiting for the next event) or
 * by leaving the `for await` loop. It throws ReplyLogMissing when there is no log (or it
 * expired before the reader reached the end), and the storage's own error when that fails.
 */
export interface ReplyReader extends AsyncIterable<LoggedReplyEvent> {
  /** Events fetched but not yet handed to the consumer: never more than the adapter's batch size. */
  readonly buffered: number;
}

export interface ReplyLog {
  /**
   * Adds an event and returns its id, or `null` when the log refuses it: it already holds its
   * final event (a late delta of a reply someone else already ended: the run should stop), or
   * the event is `reply.started` for a log that exists, or anything else for a log that does
   * not. Appending the final event also starts the log's expiry, in the same step, so no log
   * can outlive its reply for want of a second call.
   */
  append(replyId: string, event: ReplyEvent): Promise<number | null>;
  /**
   * Adds several events in one step, in order, with consecutive ids; returns the id of the first,
   * or `null` when the log refuses them as `append` would refuse the first (then none is
   * added). Only the first may be `reply.started` and only the last a final event. For a writer
   * whose events queue up behind a slow round trip: one step for all of them.
   */
  appendMany(replyId: string, events: readonly ReplyEvent[]): Promise<number | null>;
  /** At most `limit` events with ids above `afterId`, without waiting; `null` when there is no log. */
  read(replyId: string, afterId: number, limit?: number): Promise<readonly LoggedReplyEvent[] | null>;
  /** Events with ids above `afterId` (no gap, no repeat), then live ones until the final event. */
  follow(replyId: string, afterId: number, options?: { readonly signal?: AbortSignal }): ReplyReader;
  /** False once the log has expired (or was never written): answer from the stored message. */
  exists(replyId: string): Promise<boolean>;
}

export function isFinalReplyEvent(event: ReplyEvent): event is FinalReplyEvent {
  return event.type === 'message.completed' || event.type === 'error';
}

/** The stored message as the log carries it. */
export function toLoggedMessage(message: ChatMessage): LoggedMessage {
  return {
    ...message,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}
