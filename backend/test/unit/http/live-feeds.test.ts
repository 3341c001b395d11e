import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceUnavailable } from '../../../src/domain/shared/domain-error.js';
import { LiveFeeds } from '../../../src/http/live-feeds.js';

/** The part of an express response a feed uses, recording what was written. */
class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  written = '';
  writableEnded = false;
  destroyed = false;
  writableLength = 0;
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.written += chunk;
    return true;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
  /** The client hangs up. */
  hangUp() {
    this.destroyed = true;
    this.emit('close');
  }
}

const QUOTA = { event: 'quota.changed', data: {} } as const;

describe('LiveFeeds', () => {
  let feeds: LiveFeeds;
  let res: FakeResponse;
  const prepare = (until?: Date) => feeds.prepare(res as unknown as Response, until);
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') });
    feeds = new LiveFeeds();
    res = new FakeResponse();
  });
  afterEach(() => vi.useRealTimers());

  it('answers an event stream without ids, with what was sent before it ran first', async () => {
    const feed = prepare();
    feed.send({ event: 'session.deleted', data: { sessionId: 's-1' } });
    expect(res.status).toBe(0);
    void feed.run();
    feed.send(QUOTA);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'X-Accel-Buffering': 'no',
    });
    expect(res.written).toBe(
      'event: session.deleted\ndata: {"sessionId":"s-1"}\n\nevent: quota.changed\ndata: {}\n\n',
    );
    feed.close();
  });

  it('writes a keep-alive comment every 15 s', () => {
    const feed = prepare();
    void feed.run();
    vi.advanceTimersByTime(14_999);
    expect(res.written).toBe('');
    vi.advanceTimersByTime(1);
    expect(res.written).toBe(': keep-alive\n\n');
    vi.advanceTimersByTime(30_000);
    expect(res.written).toBe(': keep-alive\n\n'.repeat(3));
    feed.close();
  });

  it('closes when the token it was opened with expires, and not before', async () => {
    const feed = prepare(new Date(Date.now() + 60_000));
    let closed = false;
    void feed.run().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(closed).toBe(true);
    expect(res.writableEnded).toBe(true);
    expect(feeds.size).toBe(0);
  });

  it('waits out an expiry beyond the longest timer in several steps', async () => {
    const feed = prepare(new Date(Date.now() + 30 * 86_400_000));
    let closed = false;
    void feed.run().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(25 * 86_400_000);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(5 * 86_400_000);
    expect(closed).toBe(true);
  });

  it('closes at once for a token that has expired already', async () => {
    await expect(prepare(new Date(Date.now() - 1)).run()).resolves.toBeUndefined();
    expect(res.writableEnded).toBe(true);
  });

  it('closes when the client goes away, also while it was being set up', async () => {
    const feed = prepare();
    const running = feed.run();
    res.hangUp();
    await running;
    expect(feeds.size).toBe(0);
    const late = new FakeResponse();
    const lateFeed = feeds.prepare(late as unknown as Response, undefined);
    late.destroyed = true; // gone before run: its 'close' is past
    await lateFeed.run();
    expect(feeds.size).toBe(0);
  });

  it('drops a client that has fallen more than 1 MiB behind', async () => {
    const feed = prepare();
    const running = feed.run();
    feed.send(QUOTA);
    expect(res.writableEnded).toBe(false);
    res.writableLength = 1024 * 1024 + 1;
    feed.send(QUOTA);
    await running;
    expect(res.writableEnded).toBe(true);
  });

  it('closeAll ends every feed at once; later feeds answer 503', async () => {
    const other = new FakeResponse();
    const first = prepare();
    const second = feeds.prepare(other as unknown as Response, undefined);
    const running = [first.run(), second.run()];
    // One still being set up when shutdown came: it answers 503 instead of a stream.
    const settingUp = feeds.prepare(new FakeResponse() as unknown as Response, undefined);
    expect(feeds.size).toBe(3);
    feeds.closeAll();
    await Promise.all(running);
    expect([res.writableEnded, other.writableEnded]).toEqual([true, true]);
    await expect(settingUp.run()).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(() => prepare()).toThrow(ServiceUnavailable);
    expect(feeds.size).toBe(0);
  });

  it('a feed closed before it ran leaves the answer alone (the error handler writes it)', () => {
    const feed = prepare();
    feed.send(QUOTA);
    feed.close();
    expect(res.writableEnded).toBe(false);
    expect(res.written).toBe('');
    expect(feeds.size).toBe(0);
  });
});
