/*
 * GET /events for tests: by default a feed that stays open and says nothing (every signed-in
 * page follows it); FakeEventFeed lets a test speak on it, as another tab or an admin would,
 * and drop it to see what a reconnect does.
 */
import { http, HttpResponse } from 'msw';
import type { LiveEvent } from '@/lib/live/event-feed';

const EVENTS = '/api/v1/events';
const HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** A feed that never says anything (until the page goes away). */
export const quietEventFeed = () =>
  http.get(EVENTS, () => new HttpResponse(new ReadableStream<Uint8Array>(), { headers: HEADERS }));

export class FakeEventFeed {
  #open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  #encoder = new TextEncoder();
  /** Every connection made, with the token it carried. */
  readonly connections: { authorization: string | null }[] = [];

  /** Open connections. */
  get listeners(): number {
    return this.#open.size;
  }

  handler() {
    return http.get(EVENTS, ({ request }) => {
      this.connections.push({ authorization: request.headers.get('authorization') });
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const stream = new ReadableStream<Uint8Array>({
        start: (c) => {
          controller = c;
          this.#open.add(c);
        },
        cancel: () => {
          this.#open.delete(controller);
        },
      });
      return new HttpResponse(stream, { headers: HEADERS });
    });
  }

  /** One event to every open connection, typed as the OpenAPI document declares it. */
  send<E extends LiveEvent['event']>(event: E, data: Extract<LiveEvent, { event: E }>['data']): void {
    const chunk = this.#encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const controller of this.#open) controller.enqueue(chunk);
  }

  /** Ends every open connection, as the server does when the token expires. */
  close(): void {
    for (const controller of this.#open) controller.close();
    this.#open.clear();
  }
}
