import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createParser } from 'eventsource-parser';

export interface LiveFeedEvent {
  readonly event: string;
  /** The parsed JSON payload. */
  readonly data: Record<string, unknown>;
  /** The `id:` line, which the live feed never sends. */
  readonly id: string | undefined;
}

export interface LiveFeedClient {
  readonly status: number;
  readonly headers: Headers;
  /** Every event so far, in order. */
  readonly events: LiveFeedEvent[];
  /** The raw text so far (comments included). */
  text(): string;
  /** Resolves with the first event (from the start) that matches; rejects if the feed ends first. */
  find(match: (event: LiveFeedEvent) => boolean): Promise<LiveFeedEvent>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/** Serves the app on an ephemeral loopback port: a live feed needs a real socket to end. */
async function serve(app: Express): Promise<{ base: string; stop(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Opens GET /api/v1/events with fetch, on the real app or on a running server's base URL, and
 * reads it as Server-Sent Events with a maintained parser. Resolves once the answer's headers
 * are in: from then on the feed listens.
 */
export async function openLiveFeed(target: Express | string, token: string): Promise<LiveFeedClient> {
  const served = typeof target === 'string' ? undefined : await serve(target);
  const abort = new AbortController();
  const response = await fetch(`${served?.base ?? (target as string)}/api/v1/events`, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  const events: LiveFeedEvent[] = [];
  const watchers = new Set<() => void>();
  const changed = () => watchers.forEach((watch) => watch());
  let raw = '';
  let over = false;
  const parser = createParser({
    onEvent: ({ event, data, id }) => {
      events.push({ event: event ?? 'message', data: JSON.parse(data), id });
      changed();
    },
  });
  const ended = (async () => {
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        raw += chunk;
        parser.feed(chunk);
      }
    } catch {
      // Aborted by close().
    } finally {
      over = true;
      changed();
    }
  })();

  return {
    status: response.status,
    headers: response.headers,
    events,
    text: () => raw,
    ended,
    find: (match) =>
      new Promise((resolve, reject) => {
        const watch = () => {
          const found = events.find(match);
          if (!found && !over) return;
          watchers.delete(watch);
          if (found) resolve(found);
          else reject(new Error(`the feed ended without it; it had ${JSON.stringify(events)}`));
        };
        watchers.add(watch);
        watch();
      }),
    close: async () => {
      abort.abort();
      await ended;
      await served?.stop();
    },
  };
}
