import {
  isFinalReplyEvent,
  ReplyLogMissing,
  type LoggedReplyEvent,
  type ReplyEvent,
  type ReplyLog,
  type ReplyReader,
} from '../../application/chat/send-message/ports/reply-log.port.js';

/**
 * How many events a reader fetches, and so holds, at a time. A delta is one upstream token or
 * so; the first and final events carry the message, at most the reply's size cap.
 */
export const DEFAULT_BATCH_SIZE = 64;

/** One batch of a log, with what the log looked like when it was read. */
export interface ReplyLogPage {
  readonly events: readonly LoggedReplyEvent[];
  /** The id of the log's newest event when the page was read. */
  readonly lastId: number;
  /** Whether that newest event is the final one. */
  readonly ended: boolean;
}

/** What a log adapter gives its readers: batches on demand, and a way to wait for more. */
export interface ReplyLogSource {
  readonly closed: boolean;
  /** At most `limit` events after `afterId`; `null` when there is no log. */
  page(replyId: string, afterId: number, limit: number): Promise<ReplyLogPage | null>;
  /** Held while a reader waits for live events; released when it ends. */
  watch(replyId: string): ReplyLogWatch;
}

export interface ReplyLogWatch {
  /** Resolves once an event after `afterId` may exist, or on abort or close; never rejects. */
  waitBeyond(afterId: number, lastId: number, signal?: AbortSignal): Promise<void>;
  release(): void;
}

/**
 * The one reader both adapters hand out. Memory bound: it holds one page at a time, at most
 * `batchSize` events, fetched only when its consumer has taken everything before; where the
 * consumer is (how far behind the live end) changes nothing, so a paused consumer holds at most
 * `batchSize` events however much is appended meanwhile, and nothing is pushed at it.
 */
class PagedReplyReader implements ReplyReader {
  private page: readonly LoggedReplyEvent[] = [];
  private taken = 0;
  private started = false;

  constructor(
    private readonly source: ReplyLogSource,
    private readonly replyId: string,
    private readonly afterId: number,
    private readonly batchSize: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  get buffered(): number {
    return this.page.length - this.taken;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LoggedReplyEvent, void, undefined> {
    if (this.started) throw new Error('A reply reader can be iterated once.');
    this.started = true;
    let position = this.afterId;
    let watch: ReplyLogWatch | undefined;
    try {
      while (!this.over()) {
        const page = await this.source.page(this.replyId, position, this.batchSize);
        if (page === null) throw new ReplyLogMissing(this.replyId);
        if (page.events.length === 0) {
          if (page.ended) return; // the reader was already past the final event
          // Only a reader that caught up with a running reply waits (and is watched).
          watch ??= this.source.watch(this.replyId);
          await watch.waitBeyond(position, page.lastId, this.signal);
          continue;
        }
        this.page = page.events;
        this.taken = 0;
        while (this.taken < this.page.length) {
          const logged = this.page[this.taken++]!;
          position = logged.id;
          yield logged;
          if (isFinalReplyEvent(logged.event) || this.over()) return;
        }
      }
    } finally {
      this.page = [];
      this.taken = 0;
      watch?.release();
    }
  }

  private over(): boolean {
    return this.source.closed || (this.signal?.aborted ?? false);
  }
}

/**
 * What both adapters share: reading is paging, following is paging plus waiting. An adapter
 * says how to append, how to read one page and how to wait; readers come from here.
 */
export abstract class PagedReplyLog implements ReplyLog, ReplyLogSource {
  protected isClosed = false;

  constructor(protected readonly batchSize: number) {}

  get closed(): boolean {
    return this.isClosed;
  }

  abstract append(replyId: string, event: ReplyEvent): Promise<number | null>;
  abstract appendMany(replyId: string, events: readonly ReplyEvent[]): Promise<number | null>;
  abstract exists(replyId: string): Promise<boolean>;
  abstract page(replyId: string, afterId: number, limit: number): Promise<ReplyLogPage | null>;
  abstract watch(replyId: string): ReplyLogWatch;

  async read(
    replyId: string,
    afterId: number,
    limit = this.batchSize,
  ): Promise<readonly LoggedReplyEvent[] | null> {
    checkAfterId(afterId);
    return (await this.page(replyId, afterId, limit))?.events ?? null;
  }

  follow(replyId: string, afterId: number, options: { readonly signal?: AbortSignal } = {}): ReplyReader {
    checkAfterId(afterId);
    return new PagedReplyReader(this, replyId, afterId, this.batchSize, options.signal);
  }
}

/** Positions are event ids, or FROM_THE_START (-1); anything else is a caller's bug, not a client's. */
function checkAfterId(afterId: number): void {
  if (!Number.isSafeInteger(afterId) || afterId < -1) {
    throw new RangeError(`A reply log position is an integer from -1, not ${afterId}.`);
  }
}

/** A batch of appends: not empty, `reply.started` first if at all, a final event last if at all. */
export function checkBatch(events: readonly ReplyEvent[]): void {
  if (events.length === 0) throw new RangeError('An append needs at least one event.');
  events.forEach((event, index) => {
    if (event.type === 'reply.started' && index > 0)
      throw new RangeError('reply.started can only come first in a batch.');
    if (isFinalReplyEvent(event) && index < events.length - 1)
      throw new RangeError('A final event can only come last in a batch.');
  });
}
