/*
 * GET /events: what changes for the signed-in user, whichever tab, device or server instance
 * changed it (API.md "Live updates"). The feed has no event ids and no replay, so whatever was
 * read before it was listening may have missed something: `onOpen` says since when it listens,
 * and the caller refetches what is older. The server closes the stream when the token it was
 * opened with expires; the next attempt goes out with the current token (authFetch renews it
 * on a 401). Any other end or failure retries with backoff.
 */
import { ApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import type { Schemas } from '@/lib/api/types';
import { readEventStream } from '@/lib/sse/read-event-stream';
import { backoffDelay, pause, waitUntilOnline } from '@/lib/wait';

/** One event of the feed: `event` names it (`session.created`, ...), `data` is its payload. */
export type LiveEvent = Schemas['LiveEvent'];

export interface EventFeedHandlers {
  /** Connected; `since` is when the request went out: anything read before it may be stale. */
  onOpen(since: number): void;
  onEvent(event: LiveEvent): void;
}

// A stream that stayed open this long ended normally (its token expired): reconnect at once.
const HEALTHY_MS = 10_000;

/** The server's contract (LiveEvent in the OpenAPI document) types the payload; null if unreadable. */
function parse(event: string | undefined, data: string): LiveEvent | null {
  try {
    return { event, data: JSON.parse(data) as unknown } as LiveEvent;
  } catch {
    return null;
  }
}

/** Follows the feed until `signal` aborts (sign-out, unmount) or the session is over (401). */
export async function followEventFeed(handlers: EventFeedHandlers, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    if (failures > 0 && !(await pause(backoffDelay(failures), signal))) return;
    await waitUntilOnline(signal);
    const since = Date.now();
    let opened = false;
    try {
      const { data: body } = await api.GET('/events', {
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal,
      });
      if (body) {
        opened = true;
        handlers.onOpen(since);
        for await (const message of readEventStream(body, signal)) {
          const event = parse(message.event, message.data);
          if (event) handlers.onEvent(event);
        }
      }
    } catch (error) {
      // authFetch has tried a fresh token already: the session is over (the app signs out).
      if (error instanceof ApiError && error.status === 401) return;
      // Otherwise the network, the server, or an abort (checked by the loop).
    }
    failures = opened && Date.now() - since >= HEALTHY_MS ? 0 : failures + 1;
  }
}
