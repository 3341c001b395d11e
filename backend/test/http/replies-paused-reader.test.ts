import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type SignedIn } from '../support/auth-helpers.js';
import {
  deltasOf,
  idsOf,
  newSession,
  range,
  sendStreaming,
  storedReply,
  streamPath,
  toEnd,
} from '../support/reply-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { openStream } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * 400 deltas of 1,000 characters (the fake model stops at max_tokens × 4 characters), each of
 * which JSON writes as six bytes: 2.4 MB of events. Served over a Unix socket, whose kernel
 * buffer (about 200 KB, no autotuning) fills long before that: the loopback TCP buffers
 * would swallow all of it and prove nothing.
 */
const CHUNKS = 400;
const CHUNK = '\u0001'.repeat(1_000);
const DELTA_EVENT_BYTES = 6 * CHUNK.length + 200;

/**
 * The stated bound (docs/operations.md): a reader that stops reading holds on the server at most
 * its response's buffer, the 16 KiB high-water mark plus the event being written (the kernel's
 * socket buffer aside), and one batch of log events (64) in its reader; everything the reply
 * writes meanwhile stays in the log. The final event carries the whole reply (bounded by the
 * size cap), so it is measured apart.
 */
const BOUND_BYTES = 16 * 1024 + DELTA_EVENT_BYTES;

describe('a paused reader', () => {
  let t: TestApp;
  let user: SignedIn;
  let server: http.Server;
  const socketPath = path.join(tmpdir(), `parley-paused-${randomBytes(4).toString('hex')}.sock`);
  const probes: { maxBuffered: number; refused: number }[] = [];
  beforeAll(async () => {
    // The reply fits under max_tokens and the size cap (CHAT_MAX_TOKENS × 16 characters).
    t = await startTestApp({ env: { CHAT_MAX_TOKENS: '100000' } });
    user = await signUp(t.app);
    await openChatFor(t.app, [user.user.id]);
    // The app behind a probe that measures, after every delta written, what a marked response buffers.
    server = http.createServer((req, res) => {
      if (req.headers['x-probe']) {
        const probe = { maxBuffered: 0, refused: 0 };
        probes.push(probe);
        const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
        res.write = ((chunk: unknown, ...rest: unknown[]) => {
          const ok = write(chunk, ...rest);
          if (String(chunk).includes('event: message.delta\n')) {
            if (!ok) probe.refused++;
            probe.maxBuffered = Math.max(probe.maxBuffered, res.writableLength);
          }
          return ok;
        }) as typeof res.write;
      }
      t.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it('holds a bounded buffer on the server, does not slow the reply for the other readers, and gets every event once it reads again', async () => {
    await t.model.control.setScenario({ text: CHUNK.repeat(CHUNKS), chunks: CHUNKS });
    const id = await newSession(t.app, user.accessToken);
    const target = { socketPath };
    const { sse, replyId } = await sendStreaming(target, user.accessToken, id);
    const paused = await openStream(target, streamPath(id, replyId), user.accessToken, { 'x-probe': '1' });
    paused.pause();

    // The sender reads on: it gets the whole reply while the other reader reads nothing.
    const sent = await toEnd(sse);
    expect(sent.at(-1)).toMatchObject({ event: 'message.completed', id: String(CHUNKS + 1) });
    expect(deltasOf(sent)).toHaveLength(CHUNKS * CHUNK.length);
    expect(await storedReply(t.app, user.accessToken, id, replyId)).toMatchObject({ status: 'complete' });
    const [probe] = probes;
    // The socket really was full (or this would prove nothing), and the server kept to its bound.
    expect(probe!.refused).toBeGreaterThan(0);
    expect(probe!.maxBuffered).toBeLessThanOrEqual(BOUND_BYTES);
    expect(paused.events.length).toBeLessThan(CHUNKS);

    paused.resume();
    const read = await toEnd(paused);
    expect(idsOf(read)).toEqual(range(0, CHUNKS + 1));
    expect(deltasOf(read)).toBe(deltasOf(sent));
  });
});
