import type { Response } from 'express';
import { ServiceUnavailable } from '../domain/shared/domain-error.js';
import type { LiveEvent } from './dtos/live-event.dto.js';

const KEEP_ALIVE_MS = 15_000;
/** A client this far behind is dropped rather than buffered for: it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** setTimeout's longest delay; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One open GET /events answer: Server-Sent Events without ids (there is no replay), a comment
 * every 15 s so proxies keep a quiet stream open, closed when the client goes away, when the
 * access token it was opened with expires (the client reconnects with a fresh one), or when
 * the instance shuts down. Events sent before `run` wait for it, so nothing said while the
 * feed was being set up is lost.
 */
export class LiveFeed {
  private readonly early: LiveEvent[] = [];
  private running = false;
  private finished = false;
  private keepAlive: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private resolveClosed: () => void = () => {};
  private readonly closedPromise = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(
    private readonly res: Response,
    private readonly until: Date | undefined,
    private readonly onClosed: (feed: LiveFeed) => void,
  ) {}

  send(event: LiveEvent): void {
    if (!this.running) {
      if (!this.finished) this.early.push(event);
      return;
    }
    this.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  /**
   * Writes the headers and what was sent so far; resolves once the feed has closed, for
   * whatever reason. A feed closed before it ran (shutdown) answers 503 instead.
   */
  run(): Promise<void> {
    if (this.finished && !this.running) {
      return Promise.reject(new ServiceUnavailable('This instance is shutting down; connect again.', 1));
    }
    if (this.running) return this.closedPromise;
    this.running = true;
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    this.res.flushHeaders();
    this.res.on('close', () => this.close());
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
    this.armExpiry();
    for (const event of this.early.splice(0)) this.send(event);
    // The client may have gone while the feed was being set up: its 'close' is past.
    if (this.res.destroyed) this.close();
    return this.closedPromise;
  }

  /** Ends the stream (before `run`: only forgets the feed, and the answer is left to the error handler). */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.keepAlive);
    clearTimeout(this.expiry);
    this.early.length = 0;
    if (this.running && !this.res.writableEnded) this.res.end();
    this.onClosed(this);
    this.resolveClosed();
  }

  private armExpiry(): void {
    if (!this.until) return;
    const left = this.until.getTime() - Date.now();
    if (left <= 0) return this.close();
    this.expiry = setTimeout(() => this.armExpiry(), Math.min(left, MAX_TIMER_MS));
    this.expiry.unref();
  }

  private write(chunk: string): void {
    if (this.finished) return;
    if (this.res.writableEnded || this.res.destroyed) return this.close();
    this.res.write(chunk);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.close();
  }
}

/** Every live feed open on this instance, so shutdown can close them at once. */
export class LiveFeeds {
  private readonly open = new Set<LiveFeed>();
  private closing = false;

  /** A feed for this answer, not yet written; `until`: when the caller's access token expires. */
  prepare(res: Response, until: Date | undefined): LiveFeed {
    if (this.closing) throw new ServiceUnavailable('This instance is shutting down; connect again.', 1);
    const feed = new LiveFeed(res, until, (closed) => this.open.delete(closed));
    this.open.add(feed);
    return feed;
  }

  get size(): number {
    return this.open.size;
  }

  /** Shutdown: every feed ends now (clients reconnect to another instance), and no new one opens. */
  closeAll(): void {
    this.closing = true;
    for (const feed of [...this.open]) feed.close();
  }
}
