import type { ChatMessageRepository } from '../../../domain/chat/chat.repositories.js';
import { finalEventOf } from './reply-endings.js';
import {
  isFinalReplyEvent,
  ReplyLogMissing,
  type LoggedReplyEvent,
  type ReplyEvent,
  type ReplyLog,
} from './ports/reply-log.port.js';
import type { LocalReplyFeed, RunningReplies } from './running-replies.js';

/** An event as a reader hands it on: `id` null for the final event made from the stored message. */
export interface ReaderEvent {
  readonly id: number | null;
  readonly event: ReplyEvent;
}

export interface ReplyReadersSettings {
  /**
   * How long a reader waits between two looks when the reply's row says `streaming` but its log
   * is not there (yet: the run appends `reply.started` a moment after the row is stored; or no
   * more: its instance died and the sweeper has not ended the row). Doubles up to `maxWaitMs`.
   */
  readonly firstWaitMs?: number;
  readonly maxWaitMs?: number;
}

/**
 * Opens readers of a reply's events after a position, for every HTTP reader (the sender's own
 * stream, a resumed stream, the JSON answer waiting for the end). A reply running on this
 * instance is read from its LocalReplyFeed (the log's ids and order, without a round trip), and
 * from the log once the reader falls behind what the feed holds; a reply running elsewhere or
 * ended is read from the log; a reply whose log is gone is answered from its stored row. Every
 * reader ends right after the final event, when its signal aborts, or when `closeAll` runs
 * (shutdown: clients reconnect to another instance).
 */
export class ReplyReaders {
  private readonly closing = new AbortController();
  private readonly firstWaitMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly log: ReplyLog,
    private readonly running: RunningReplies,
    private readonly messages: ChatMessageRepository,
    settings: ReplyReadersSettings = {},
  ) {
    this.firstWaitMs = settings.firstWaitMs ?? 10;
    this.maxWaitMs = settings.maxWaitMs ?? 1_000;
  }

  /** The events of `reply` with ids above `afterId` (FROM_THE_START for all), to its final one. */
  open(
    reply: { readonly id: string; readonly sessionId: string },
    afterId: number,
    signal?: AbortSignal,
  ): AsyncIterable<ReaderEvent> {
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    return this.read(reply, afterId, stop);
  }

  /** Ends every reader now (quietly, as if each client had gone). */
  closeAll(): void {
    this.closing.abort();
  }

  private async *read(
    reply: { readonly id: string; readonly sessionId: string },
    afterId: number,
    signal: AbortSignal,
  ): AsyncGenerator<ReaderEvent, void, undefined> {
    let position = afterId;
    let waitMs = this.firstWaitMs;
    while (!signal.aborted) {
      const feed = this.running.feedOf(reply.id);
      try {
        const events = feed
          ? this.fromFeed(feed, reply.id, position, signal)
          : this.fromLog(reply.id, position, signal);
        for await (const logged of events) {
          yield logged;
          position = logged.id;
          if (isFinalReplyEvent(logged.event)) return;
        }
        // The reader ended without a final event: its signal aborted.
        return;
      } catch (error) {
        if (!(error instanceof ReplyLogMissing)) throw error;
      }
      // No log: answer from the row once it has ended; until then, look again in a moment.
      const stored = await this.messages.findById(reply.sessionId, reply.id);
      if (!stored) return;
      if (stored.status !== 'streaming') {
        yield { id: null, event: finalEventOf(stored) };
        return;
      }
      await pause(waitMs, signal);
      waitMs = Math.min(waitMs * 2, this.maxWaitMs);
    }
  }

  private fromLog(replyId: string, afterId: number, signal: AbortSignal): AsyncIterable<LoggedReplyEvent> {
    return this.log.follow(replyId, afterId, { signal });
  }

  /** The run's own feed while it holds what the reader needs, then the log. */
  private async *fromFeed(
    feed: LocalReplyFeed,
    replyId: string,
    afterId: number,
    signal: AbortSignal,
  ): AsyncGenerator<LoggedReplyEvent, void, undefined> {
    let position = afterId;
    while (!signal.aborted) {
      const held = feed.after(position);
      if (held === 'behind') break;
      for (const logged of held) {
        yield logged;
        position = logged.id;
        if (isFinalReplyEvent(logged.event)) return;
      }
      if (held.length > 0) continue;
      if (feed.closed) break;
      await feed.waitBeyond(position, signal);
    }
    if (!signal.aborted) yield* this.fromLog(replyId, position, signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
