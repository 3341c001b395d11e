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
  /** Resolves when the server ended the response. */
  ended: Promise<void>;
  /** The body when the answer was not a stream (a problem+json before the stream started). */
  body(): string;
  /** Hangs up, as a browser tab closing would. */
  disconnect(): void;
  close(): Promise<void>;
}

/**
 * Sends a message to the real app over a real socket and reads the answer as Server-Sent
 * Events, with a maintained parser. The app listens on an ephemeral loopback port for the
 * duration of the stream, so client disconnects are real socket closes.
 */
export async function openSse(
  app: Express,
  path: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let raw = '';
  let done = false;
  const notify = () => waiters.splice(0).forEach((w) => w());

  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          Authorization: `Bearer ${token}`,
          'Content-Length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        const parser = createParser({
          onEvent: (message: EventSourceMessage) => {
            events.push({
              id: message.id,
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
          waitFor(event, n = 1) {
            return new Promise<void>((resolveWait) => {
              const check = () =>
                done || events.filter((e) => e.event === event).length >= n
                  ? resolveWait()
                  : waiters.push(check);
              check();
            });
          },
          disconnect: () => req.destroy(),
          close: () =>
            new Promise<void>((resolveClose) => {
              req.destroy();
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
