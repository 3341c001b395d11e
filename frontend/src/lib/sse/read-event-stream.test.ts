import { describe, expect, it } from 'vitest';
import { readEventStream } from './read-event-stream';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>, signal?: AbortSignal) {
  const events = [];
  for await (const event of readEventStream(body, signal)) events.push(event);
  return events;
}

describe('readEventStream', () => {
  it('yields events split across chunks, skips comments and drops an unfinished last event', async () => {
    const events = await collect(
      streamOf([
        'id: 1\nevent: message.created\ndata: {"id"',
        ':"m1"}\n\n: keep-alive\n\nid: 2\nevent: message.delta\ndata: {"content":"Hé"}\n\nevent: mes',
        'sage.delta\ndata: unfinished',
      ]),
    );

    expect(events).toEqual([
      { id: '1', event: 'message.created', data: '{"id":"m1"}' },
      { id: '2', event: 'message.delta', data: '{"content":"Hé"}' },
    ]);
  });

  it('keeps a multi-byte character that is split between two chunks', async () => {
    const bytes = new TextEncoder().encode('event: message.delta\ndata: é\n\n');
    const at = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, at));
        controller.enqueue(bytes.slice(at));
        controller.close();
      },
    });

    expect(await collect(body)).toEqual([{ event: 'message.delta', data: 'é', id: undefined }]);
  });

  it('stops with an AbortError and cancels the body when the signal aborts', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: a\ndata: 1\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const seen: string[] = [];

    const reading = (async () => {
      for await (const event of readEventStream(body, controller.signal)) {
        seen.push(event.data);
        controller.abort();
      }
    })();

    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['1']);
    expect(cancelled).toBe(true);
  });
});
