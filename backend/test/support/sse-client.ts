import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: Record<string, unknown>;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every event so far, parsed. */
  events: SseEvent[];
  /** Resolves once `n` events of this name have arrived (or the stream ended). */
  waitFor(event: string, n?: number): Promise<void>;
  /** Resolves once `predicate` holds for the events so far (or the stream ended). */
  waitUntil(predicate: (events: SseEvent[]) => boolean): Promise<void>;
  /** Resolves when the server ended the response. */
  ended: Promise<void>;
  /** The body when the answer was not a stream (a problem+json before the stream started). */
  body(): string;
  /** Hangs up, as a browser tab closing would. */
  disconnect(): void;
  /** Stops reading the socket (a paused or stalled client), until `resume`. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

/**
 * Sends a message to the real app over a real socket and reads the answer as Server-Sent
 * Events, with a maintained parser. The app listens on an ephemeral loopback port for the
 * duration of the stream, so client disconnects are real socket closes.
 */
/**
 * The real app (served on an ephemeral loopback port for the stream), a server's base URL, or
 * a server listening on a Unix socket.
 */
export type Target = Express | string | { readonly socketPath: string };

export function openSse(
  app: Target,
  path: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  return connect(app, { method: 'POST', path, token, body, headers });
}

/** Follows a reply (GET .../messages/{messageId}/stream) the same way, over a real socket. */
export function openStream(
  app: Target,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  return connect(app, { method: 'GET', path, token, headers });
}

async function connect(
  app: Target,
  request: {
    method: 'GET' | 'POST';
    path: string;
    token: string;
    body?: unknown;
    headers: Record<string, string>;
  },
): Promise<SseStream> {
  const { method, path, token, body, headers } = request;
  const server = typeof app === 'function' ? http.createServer(app) : undefined;
  if (server) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const where =
    typeof app === 'function'
      ? { host: '127.0.0.1', port: (server!.address() as AddressInfo).port }
      : typeof app === 'string'
        ? { host: '127.0.0.1', port: Number(new URL(app).port) }
        : { socketPath: app.socketPath };
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let raw = '';
  let done = false;
  const notify = () => waiters.splice(0).forEach((w) => w());
  const waitUntil = (predicate: (all: SseEvent[]) => boolean) =>
    new Promise<void>((resolveWait) => {
      const check = () => (done || predicate(events) ? resolveWait() : waiters.push(check));
      check();
    });

  return new Promise((resolve, reject) => {
    const payload = method === 'POST' ? JSON.stringify(body) : undefined;
    const req = http.request(
      {
        ...where,
        path,
        method,
        headers: {
          Accept: 'text/event-stream',
          Authorization: `Bearer ${token}`,
          ...(payload !== undefined && {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
          }),
          ...headers,
        },
      },
      (res) => {
        const parser = createParser({
          onEvent: (message: EventSourceMessage) => {
            events.push({
              id: message.id || undefined,
              event: message.event ?? 'message',
              data: JSON.parse(message.data),
            });
            notify();
          },
        });
        const ended = new Promise<void>((resolveEnd) => {
          const finish = () => {
            done = true;
            notify();
            resolveEnd();
          };
          res.on('end', finish);
          res.on('close', finish);
        });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          raw += chunk;
          parser.feed(chunk);
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          events,
          ended,
          body: () => raw,
          waitFor: (event, n = 1) => waitUntil((all) => all.filter((e) => e.event === event).length >= n),
          waitUntil,
          disconnect: () => req.destroy(),
          pause: () => res.pause(),
          resume: () => res.resume(),
          close: () =>
            new Promise<void>((resolveClose) => {
              req.destroy();
              if (!server) return resolveClose();
              server.closeAllConnections();
              server.close(() => resolveClose());
            }),
        });
      },
    );
    req.on('error', (error) => (done ? undefined : reject(error)));
    req.end(payload);
  });
}
