import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes Server-Sent Events on an express response. An event carries an `id:` only when given
 * one (a reply's events carry their id in the reply's log). A comment line every 15 s keeps
 * proxies from closing a quiet stream. `send` waits when the socket's buffer is full
 * (back-pressure): the reader behind it then stops asking its log for more, so a slow client
 * holds at most the socket's buffer and one batch of events, and slows nothing else.
 */
export class SseWriter {
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly res: Response,
    keepAliveMs = 15_000,
  ) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.setHeader('Connection', 'keep-alive');
    res.flushHeaders();
    this.keepAlive = setInterval(() => this.writable && res.write(': keep-alive\n\n'), keepAliveMs);
    this.keepAlive.unref();
  }

  private get writable(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  async send(event: string, data: unknown, id?: number | null): Promise<void> {
    if (!this.writable) return;
    const idLine = id === undefined || id === null ? '' : `id: ${id}\n`;
    const ok = this.res.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (!ok && this.writable) await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
  }

  end(): void {
    clearInterval(this.keepAlive);
    if (this.writable) this.res.end();
  }
}

/**
 * Aborts when the client goes away before the answer is finished. (A POST's request emits
 * `close` as soon as its body is read, so only the response tells.) It ends the client's
 * reader, never the reply.
 */
export function clientGoneSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
