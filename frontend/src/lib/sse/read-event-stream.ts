/*
 * Reads a `text/event-stream` body from fetch() with a maintained parser (eventsource-parser),
 * one event at a time. EventSource itself cannot send a POST, a body or an Authorization
 * header, so streamed replies come through fetch and this reader.
 *
 * Cancelling: pass the request's AbortSignal. The reader is cancelled on abort instead of
 * relying on fetch to error the body, since not every fetch implementation does (test doubles
 * in particular leave a pending read() hanging).
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type { EventSourceMessage };

export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<EventSourceMessage, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
      const { value, done } = await reader.read();
      if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
      if (done) {
        parser.feed(decoder.decode());
        // An event without its closing blank line is incomplete (the spec drops it).
        yield* queue.splice(0);
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      yield* queue.splice(0);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
