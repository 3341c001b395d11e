/*
 * GET /events: what changes for the signed-in user, whichever tab, device or server instance
 * changed it (API.md "Live updates"). The feed has no event ids and no replay, so whatever was
 * read before it was listening may have missed something: `onOpen` says since when it listens,
 * and the caller refetches what is older. The server closes the stream when the token it was
 * opened with expires; the next attempt goes out with the current token (authFetch renews it
 * on a 401). Any other end or failure retries with backoff.
 */
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';
import { readEventStream } from '@/lib/sse/read-event-stream';
import { backoffDelay, pause, waitUntilOnline } from '@/lib/wait';

export interface LiveEvent {
  /** The SSE event name, e.g. `session.created`. */
  readonly type: string;
  /** The parsed JSON payload. */
  readonly data: unknown;
}

export interface EventFeedHandlers {
  /** Connected; `since` is when the request went out: anything read before it may be stale. */
  onOpen(since: number): void;
  onEvent(event: LiveEvent): void;
}

const EVENTS_URL = `${API_BASE_PATH}/events`;
// A stream that stayed open this long ended normally (its token expired): reconnect at once.
const HEALTHY_MS = 10_000;

function parse(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
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
      const response = await authFetch(absoluteUrl(EVENTS_URL), {
        headers: { accept: 'text/event-stream' },
        signal,
      });
      // authFetch has tried a fresh token already: the session is over (the app signs out).
      if (response.status === 401) return;
      if (response.ok && response.body) {
        opened = true;
        handlers.onOpen(since);
        for await (const message of readEventStream(response.body, signal)) {
          handlers.onEvent({ type: message.event ?? 'message', data: parse(message.data) });
        }
      } else {
        response.body?.cancel().catch(() => {});
      }
    } catch {
      // The network, or an abort (checked by the loop).
    }
    failures = opened && Date.now() - since >= HEALTHY_MS ? 0 : failures + 1;
  }
}
