import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';

/* Small node:http helpers of the fake model server. */

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** An error body in OpenAI's shape. */
export function openAiError(message: string, type: string) {
  return { error: { message, type, param: null, code: null } };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Waits `ms` (Infinity: until the client goes); false when the client went away first. */
export function pause(ms: number, gone: AbortSignal): Promise<boolean> {
  if (gone.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(() => done(true), ms) : undefined;
    const onGone = () => done(false);
    const done = (result: boolean) => {
      clearTimeout(timer);
      gone.removeEventListener('abort', onGone);
      resolve(result);
    };
    gone.addEventListener('abort', onGone, { once: true });
  });
}

/** Resolves once what was written has left for the client, so a cut after it is a real cut. */
export async function flushed(res: ServerResponse, gone: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve)); // node:http uncorks the socket on the next tick
  const socket = res.socket;
  if (socket && socket.writableLength > 0)
    await once(socket, 'drain', { signal: gone }).catch(() => undefined);
}

/** Writes with backpressure; false when the client went away. */
export async function write(res: ServerResponse, data: string, gone: AbortSignal): Promise<boolean> {
  if (gone.aborted || res.destroyed) return false;
  if (res.write(data)) return true;
  try {
    await once(res, 'drain', { signal: gone });
    return true;
  } catch {
    return false;
  }
}
