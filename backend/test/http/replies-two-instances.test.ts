import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SweepStaleReplies } from '../../src/application/chat/send-message/sweep-stale-replies.use-case.js';
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../src/infrastructure/llm/fake/fake-model-server.js';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import {
  deltasOf,
  expectStopReachesEveryone,
  finalsOf,
  follow,
  idsOf,
  newSession,
  range,
  sendPath,
  sharedInstanceEnv,
  sendStreaming,
  stopPath,
  storedReply,
  toEnd,
} from '../support/reply-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import type { SseStream } from '../support/sse-client.js';
import { listeningUrl, spawnServer, type Spawned } from '../support/spawn-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const STOP_ACK_MS = 500;
const STALE_REPLY_MS = 1_000;

/*
 * Several instances on the same PostgreSQL and Redis (API.md, "Replies that outlive the
 * connection"): a reply runs on one, and is followed and stopped from another; the per-user cap
 * on running replies counts them all; an instance that dies mid-reply leaves it to the others
 * (the stop route, the sweeper). Two instances run in this process; the one that dies is a real
 * process, killed with SIGKILL.
 */
describe('replies across instances', () => {
  let model: FakeModelServer;
  let a: TestApp;
  let b: TestApp;
  let prefix: string;
  const env = {
    CHAT_MAX_RUNNING_REPLIES: '2',
    CHAT_STOP_ACK_MS: String(STOP_ACK_MS),
    CHAT_STALE_REPLY_MS: String(STALE_REPLY_MS),
    CHAT_RATE_LIMIT_PER_MINUTE: '1000',
    CHAT_DAILY_MESSAGE_QUOTA: '1000',
  };
  beforeAll(async () => {
    model = await startFakeModelServer();
    prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
    a = await startTestApp({ model, redisKeyPrefix: prefix, env });
    b = await startTestApp({ model, redisKeyPrefix: prefix, env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await model?.close();
  });
  afterEach(() => model.control.reset());

  async function chatter(): Promise<SignedIn> {
    const user = await signUp(a.app);
    await openChatFor(a.app, [user.user.id]);
    return user;
  }

  it('resume on a second instance with Last-Event-ID n gets exactly n+1.. to the final event', async () => {
    const user = await chatter();
    await model.control.setScenario({ chunks: 40, chunkGapMs: 15 });
    const id = await newSession(a.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(a.app, user.accessToken, id);
    await sse.waitFor('message.delta', 6);
    const onB = await follow(b.app, user.accessToken, id, replyId, 5);
    const [sent, resumed] = await Promise.all([toEnd(sse), toEnd(onB)]);
    const finalId = Number(sent.at(-1)!.id);
    expect(idsOf(resumed)).toEqual(range(6, finalId));
    expect(resumed.at(-1)).toEqual(sent.at(-1));
    expect(deltasOf(resumed)).toBe(deltasOf(sent.filter((e) => Number(e.id) > 5)));
    // And on B once it has ended: the rest at once.
    expect(idsOf(await toEnd(await follow(b.app, user.accessToken, id, replyId, finalId - 2)))).toEqual([
      finalId - 1,
      finalId,
    ]);
  });

  it('stop from a second instance: the upstream aborted within 1 s, stored cancelled with exactly the text produced, every reader gets the final event', async () => {
    const user = await chatter();
    await expectStopReachesEveryone({
      sending: a.app,
      stopping: b.app,
      reading: b.app,
      token: user.accessToken,
      model: model.control,
    });
  });

  it('the running-reply cap holds across instances: the next send answers 429 rate_limited on either', async () => {
    const user = await chatter();
    await model.control.setScenario({ chunks: 300, chunkGapMs: 20 });
    const sessions = await Promise.all([1, 2, 3].map(() => newSession(a.app, user.accessToken)));
    const onA = await sendStreaming(a.app, user.accessToken, sessions[0]!);
    const onB = await sendStreaming(b.app, user.accessToken, sessions[1]!);
    for (const app of [a.app, b.app]) {
      const refused = await request(app)
        .post(sendPath(sessions[2]!))
        .set(bearer(user.accessToken))
        .send({ content: 'Third' });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', runningRepliesLimit: 2 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['x-ratelimit-limit']).toBeDefined();
    }
    expect((await model.control.requests()).length).toBe(2);
    // Stopping one frees its slot, on any instance.
    await request(a.app).post(stopPath(sessions[1]!, onB.replyId)).set(bearer(user.accessToken)).expect(202);
    await toEnd(onB.sse);
    const third = await sendStreaming(b.app, user.accessToken, sessions[2]!, 'Third');
    for (const [session, started] of [
      [sessions[0]!, onA],
      [sessions[2]!, third],
    ] as const) {
      await request(b.app).post(stopPath(session, started.replyId)).set(bearer(user.accessToken)).expect(202);
      await toEnd(started.sse);
    }
  });

  describe('an instance that dies mid-reply', () => {
    let c: Spawned;
    let cUrl: string;
    beforeAll(async () => {
      c = spawnServer({
        ...sharedInstanceEnv({
          databaseUrl: a.databaseUrl,
          redisKeyPrefix: prefix,
          modelUrl: model.url,
          dataDir: mkdtempSync(path.join(tmpdir(), 'parley-spawn-')),
        }),
        ...env,
      });
      cUrl = await listeningUrl(c);
    }, 90_000);
    afterAll(() => {
      if (c.child.exitCode === null) c.child.kill('SIGKILL');
    });

    it('stop of a reply whose instance is gone ends it cancelled within CHAT_STOP_ACK_MS, with one final event for its readers; the sweeper ends the other reply interrupted with the text saved last, and its readers get error', async () => {
      const user = await chatter();
      await model.control.setScenario({ chunks: 2_000, chunkGapMs: 20 });
      const [toStop, toSweep] = await Promise.all([1, 2].map(() => newSession(a.app, user.accessToken)));
      const stopping = await sendStreaming(cUrl, user.accessToken, toStop!);
      const sweeping = await sendStreaming(cUrl, user.accessToken, toSweep!);
      // Both have saved some text (about every second) before the instance dies.
      const saved = async (session: string, replyId: string, sse: SseStream) => {
        for (;;) {
          const row = await storedReply(a.app, user.accessToken, session, replyId);
          if ((row.lastEventId as number) > 0) return row;
          const seen = sse.events.length;
          await sse.waitUntil((events) => events.length > seen);
        }
      };
      await saved(toStop!, stopping.replyId, stopping.sse);
      await saved(toSweep!, sweeping.replyId, sweeping.sse);
      const readStop = await follow(a.app, user.accessToken, toStop!, stopping.replyId, 0);
      const readSweep = await follow(b.app, user.accessToken, toSweep!, sweeping.replyId, 0);
      await readStop.waitFor('message.delta');
      await readSweep.waitFor('message.delta');

      c.child.kill('SIGKILL');
      expect(await c.exited).toBeNull();
      await Promise.all([stopping.sse.close(), sweeping.sse.close()]);

      // Stop: nobody acknowledges, so the route ends the row itself.
      const lastSaved = await storedReply(a.app, user.accessToken, toStop!, stopping.replyId);
      const started = performance.now();
      const stopped = await request(a.app)
        .post(stopPath(toStop!, stopping.replyId))
        .set(bearer(user.accessToken));
      const elapsed = performance.now() - started;
      expect(stopped.status).toBe(202);
      expect(elapsed).toBeGreaterThanOrEqual(STOP_ACK_MS - 50);
      expect(elapsed).toBeLessThan(STOP_ACK_MS + 1_000);
      expect(await storedReply(a.app, user.accessToken, toStop!, stopping.replyId)).toMatchObject({
        status: 'cancelled',
        errorCode: 'stopped',
        content: lastSaved.content,
      });
      const stopEvents = await toEnd(readStop);
      expect(finalsOf(stopEvents)).toHaveLength(1);
      expect(stopEvents.at(-1)).toMatchObject({
        event: 'message.completed',
        data: { status: 'cancelled', content: lastSaved.content },
      });
      expect(deltasOf(stopEvents).startsWith(lastSaved.content as string)).toBe(true);

      // Sweep: once the row has gone unsaved for CHAT_STALE_REPLY_MS.
      const savedLast = await storedReply(a.app, user.accessToken, toSweep!, sweeping.replyId);
      expect(savedLast.status).toBe('streaming');
      const sweeper = a.container.get(SweepStaleReplies);
      while ((await sweeper.execute()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const sweepEvents = await toEnd(readSweep);
      expect(finalsOf(sweepEvents)).toHaveLength(1);
      expect(sweepEvents.at(-1)).toMatchObject({
        event: 'error',
        data: { status: 503, code: 'service_unavailable', reason: 'instance_lost' },
      });
      expect(deltasOf(sweepEvents).startsWith(savedLast.content as string)).toBe(true);
      expect(await storedReply(a.app, user.accessToken, toSweep!, sweeping.replyId)).toMatchObject({
        status: 'interrupted',
        errorCode: 'instance_lost',
        content: savedLast.content,
      });
    });
  });
});
