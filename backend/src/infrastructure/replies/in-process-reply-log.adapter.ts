import { systemClock, type Clock } from '../../application/ports/clock.port.js';
import {
  isFinalReplyEvent,
  type LoggedReplyEvent,
  type ReplyEvent,
} from '../../application/chat/send-message/ports/reply-log.port.js';
import {
  checkBatch,
  DEFAULT_BATCH_SIZE,
  PagedReplyLog,
  type ReplyLogPage,
  type ReplyLogWatch,
} from './paged-reply-log.js';

interface Log {
  readonly events: LoggedReplyEvent[];
  ended: boolean;
  readonly waiters: Set<() => void>;
}

export interface InProcessReplyLogOptions {
  /** How long a log stays after its final event (CHAT_REPLY_LOG_TTL_S). */
  readonly ttlSeconds: number;
  /** The most events a reader fetches (and holds) at a time. */
  readonly batchSize?: number;
  readonly clock?: Clock;
}

/**
 * The reply log of a single instance without Redis: the same contract as the Redis one.
 * Events are kept as JSON round-trips of what was appended, so a reader here sees exactly what
 * it would read back from Redis. Readers share the stored events and each holds at most one
 * batch of references (the same bound as with Redis). Expiry needs no timer: every call first
 * drops the logs whose time is up, oldest first (one TTL for all, so they end in expiry order).
 */
export class InProcessReplyLog extends PagedReplyLog {
  private readonly logs = new Map<string, Log>();
  private readonly expiries: { readonly replyId: string; readonly at: number }[] = [];
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(options: InProcessReplyLogOptions) {
    super(options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.ttlMs = options.ttlSeconds * 1000;
    this.clock = options.clock ?? systemClock;
  }

  async append(replyId: string, event: ReplyEvent): Promise<number | null> {
    const log = this.log(replyId);
    const starts = event.type === 'reply.started';
    if (log ? starts || log.ended : !starts) return null;
    const target = log ?? { events: [], ended: false, waiters: new Set<() => void>() };
    if (!log) this.logs.set(replyId, target);
    const id = target.events.length;
    target.events.push({ id, event: JSON.parse(JSON.stringify(event)) as ReplyEvent });
    if (isFinalReplyEvent(event)) {
      target.ended = true;
      this.expiries.push({ replyId, at: this.clock.now().getTime() + this.ttlMs });
    }
    for (const wake of [...target.waiters]) wake();
    return id;
  }

  async appendMany(replyId: string, events: readonly ReplyEvent[]): Promise<number | null> {
    checkBatch(events);
    // Nothing here waits between two appends, so the batch is one step as it is.
    let first: number | null = null;
    for (const [index, event] of events.entries()) {
      const id = await this.append(replyId, event);
      if (id === null) return null; // only the first can be refused: the batch is in order
      if (index === 0) first = id;
    }
    return first;
  }

  async exists(replyId: string): Promise<boolean> {
    return this.log(replyId) !== undefined;
  }

  async page(replyId: string, afterId: number, limit: number): Promise<ReplyLogPage | null> {
    const log = this.log(replyId);
    if (!log) return null;
    return {
      events: log.events.slice(afterId + 1, afterId + 1 + limit),
      lastId: log.events.length - 1,
      ended: log.ended,
    };
  }

  watch(replyId: string): ReplyLogWatch {
    return {
      waitBeyond: (afterId, _lastId, signal) => {
        const log = this.log(replyId);
        if (!log || log.events.length - 1 > afterId || this.isClosed || signal?.aborted) {
          return Promise.resolve();
        }
        return new Promise<void>((resolve) => {
          const wake = () => {
            log.waiters.delete(wake);
            signal?.removeEventListener('abort', wake);
            resolve();
          };
          log.waiters.add(wake);
          signal?.addEventListener('abort', wake, { once: true });
        });
      },
      release: () => {},
    };
  }

  /** Ends every reader (quietly) and forgets every log. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const log of this.logs.values()) for (const wake of [...log.waiters]) wake();
    this.logs.clear();
    this.expiries.length = 0;
  }

  private log(replyId: string): Log | undefined {
    const now = this.clock.now().getTime();
    while (this.expiries.length > 0 && this.expiries[0]!.at <= now) {
      this.logs.delete(this.expiries.shift()!.replyId);
    }
    return this.logs.get(replyId);
  }
}
