import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes Server-Sent Events on an express response. Every event gets an increasing `id:`; a
 * comment line every 15 s keeps proxies from closing a quiet stream. `send` waits when the
 * socket's buffer is full (back-pressure) so a slow client slows the reading of the model
 * instead of piling the reply up in memory.
 */
export class SseWriter {
  private nextId = 1;
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

  async send(event: string, data: unknown): Promise<void> {
    if (!this.writable) return;
    const ok = this.res.write(`id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (!ok && this.writable) await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
  }

  end(): void {
    clearInterval(this.keepAlive);
    if (this.writable) this.res.end();
  }
}

/**
 * Aborts when the client goes away before the answer is finished. (A POST's request emits
 * `close` as soon as its body is read, so only the response tells.)
 */
export function clientGoneSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
