import { afterEach, describe, expect, it, vi } from 'vitest';
import { followEventFeed, type LiveEvent } from './event-feed';

const stream = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });
const status = (code: number) => new Response(null, { status: code });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('followEventFeed', () => {
  it('retries with backoff, hands over each event, and stops when the session is over', async () => {
    vi.useFakeTimers();
    const answers = [
      () => status(503),
      () =>
        stream(
          'event: session.created\ndata: {"session":{"id":"s2"}}\n\n: keep-alive\n\nevent: quota.changed\ndata: {}\n\n',
        ),
      () => Promise.reject(new TypeError('network error')),
      () => status(401),
    ];
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((request: Request) => {
        requests.push(request);
        return Promise.resolve(answers[requests.length - 1]!());
      }),
    );
    const opened: number[] = [];
    const events: LiveEvent[] = [];

    const done = followEventFeed(
      { onOpen: (since) => opened.push(since), onEvent: (event) => events.push(event) },
      new AbortController().signal,
    );
    await vi.runAllTimersAsync();
    await done;

    expect(requests).toHaveLength(4);
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/events');
    expect(requests[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(opened).toHaveLength(1);
    expect(events).toEqual([
      { event: 'session.created', data: { session: { id: 's2' } } },
      { event: 'quota.changed', data: {} },
    ]);
  });

  it('reconnects at once after a stream that stayed open until its token expired', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        calls += 1;
        if (calls === 2) controller.abort();
        // Open for a minute, then closed by the server.
        const body = new ReadableStream<Uint8Array>({
          start: (c) => void setTimeout(() => c.close(), 60_000),
        });
        return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
      }),
    );

    const done = followEventFeed({ onOpen: () => {}, onEvent: () => {} }, controller.signal);
    await vi.advanceTimersByTimeAsync(60_000);
    await done;

    expect(calls).toBe(2);
  });
});
