import { afterEach, describe, expect, it, vi } from 'vitest';
import { followReply } from './follow-reply';
import type { ReplyEvent } from './reply-events';

const sse = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail: code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** Follows with `answers` as the successive responses; returns what happened. */
async function follow(answers: (() => Response | Promise<Response>)[]) {
  const events: ReplyEvent[] = [];
  let reconnects = 0;
  let opened = 0;
  const outcome = followReply({
    open: () => {
      const answer = answers[opened++];
      if (!answer) throw new Error('no more answers');
      return Promise.resolve(answer());
    },
    onEvent: (event) => events.push(event),
    onReconnecting: () => (reconnects += 1),
    signal: new AbortController().signal,
  });
  await vi.runAllTimersAsync();
  return { outcome: await outcome, events, reconnects, opened: () => opened };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('followReply', () => {
  it('retries a server error and a stream that ends early, then reads to the final event', async () => {
    vi.useFakeTimers();
    const result = await follow([
      () => problem(503, 'service_unavailable'),
      () => sse('id: 3\nevent: message.delta\ndata: {"messageId":"a1","content":"B"}\n\n'),
      () => {
        throw new TypeError('network error');
      },
      () =>
        sse(
          'id: 4\nevent: message.completed\ndata: {"id":"a1","content":"AB","status":"complete","usage":null}\n\n',
        ),
    ]);

    expect(result.outcome).toEqual({ kind: 'ended' });
    expect(result.reconnects).toBe(3);
    expect(result.events.map((e) => e.type)).toEqual(['message.delta', 'message.completed']);
    expect(result.events[1]).toMatchObject({ id: 4, message: { content: 'AB' } });
  });

  it('gives up when the server says there is nothing to follow', async () => {
    vi.useFakeTimers();
    const result = await follow([() => problem(404, 'not_found')]);

    expect(result.outcome).toMatchObject({ kind: 'gone', error: { status: 404, code: 'not_found' } });
    expect(result.reconnects).toBe(0);
  });

  it('stops when its signal aborts, also while waiting to reconnect', async () => {
    const controller = new AbortController();
    const outcome = followReply({
      open: () => Promise.resolve(problem(502, 'bad_gateway')),
      onEvent: () => {},
      onReconnecting: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(outcome).resolves.toEqual({ kind: 'aborted' });
  });
});
