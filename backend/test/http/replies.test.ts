import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitForRequests } from '../../src/infrastructure/llm/fake/fake-model-control.client.js';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import {
  deltasOf,
  expectStopReachesEveryone,
  follow,
  idsOf,
  newSession,
  range,
  sendStreaming,
  stopPath,
  storedReply,
  streamPath,
  toEnd,
} from '../support/reply-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { openStream } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Replies that outlive the connection, on one instance (API.md): resume with Last-Event-ID,
 * after the end and after the log expired; stop; delete; the routes' answers. Two instances,
 * a killed instance and the running-reply cap: replies-two-instances.test.ts.
 */

describe('following and stopping a reply', () => {
  let t: TestApp;
  let user: SignedIn;
  let other: SignedIn;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        CHAT_RATE_LIMIT_PER_MINUTE: '1000',
        CHAT_DAILY_MESSAGE_QUOTA: '1000',
        CHAT_MAX_RUNNING_REPLIES: '10',
      },
    });
    user = await signUp(t.app);
    other = await signUp(t.app);
    await openChatFor(t.app, [user.user.id, other.user.id]);
  });
  afterAll(() => t?.close());
  afterEach(() => t.model.control.reset());

  it('resume with Last-Event-ID n gets exactly n+1.. to the final event: no gap, no repeat', async () => {
    await t.model.control.setScenario({ chunks: 30, chunkGapMs: 15 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    await sse.waitFor('message.delta', 5);
    // The header, and the query parameter for clients that cannot set headers.
    const byHeader = await follow(t.app, user.accessToken, id, replyId, 3);
    const byQuery = await openStream(t.app, `${streamPath(id, replyId)}?lastEventId=3`, user.accessToken);
    const [sent, resumed, queried] = await Promise.all([toEnd(sse), toEnd(byHeader), toEnd(byQuery)]);
    const final = sent.at(-1)!;
    expect(final.event).toBe('message.completed');
    const finalId = Number(final.id);
    expect(finalId).toBe(31);
    for (const events of [resumed, queried]) {
      expect(idsOf(events)).toEqual(range(4, finalId));
      expect(events.map((e) => e.event)).toEqual([
        ...Array(finalId - 4).fill('message.delta'),
        'message.completed',
      ]);
      expect(deltasOf(events)).toBe(deltasOf(sent.filter((e) => Number(e.id) >= 4)));
      expect(events.at(-1)!.data).toEqual(final.data);
    }
    expect(deltasOf(sent)).toBe(final.data.content);
  });

  it('after the reply has ended, a reader gets the rest of the log and its final event at once; without Last-Event-ID, all of it from reply.started', async () => {
    await t.model.control.setScenario({ chunks: 6 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    const sent = await toEnd(sse);
    const late = await toEnd(await follow(t.app, user.accessToken, id, replyId, 4));
    expect(idsOf(late)).toEqual([5, 6, 7]);
    expect(late.at(-1)).toEqual(sent.at(-1));
    const whole = await toEnd(await follow(t.app, user.accessToken, id, replyId));
    expect(idsOf(whole)).toEqual(range(0, 7));
    expect(whole[0]!.event).toBe('reply.started');
    expect(whole.slice(1)).toEqual(sent.slice(2));
  });

  it('a streaming message in GET /chat/sessions/{id} carries the lastEventId its saved text goes up to; resuming there continues the text exactly', async () => {
    await t.model.control.setScenario({ chunks: 60, chunkGapMs: 40 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    // Saved about every second: wait for a save that includes some deltas.
    let shown: Record<string, unknown> = {};
    while (!((shown.lastEventId as number) > 0)) {
      const seen = sse.events.length;
      await sse.waitUntil((events) => events.length > seen);
      shown = await storedReply(t.app, user.accessToken, id, replyId);
    }
    expect(shown.status).toBe('streaming');
    const resumed = await toEnd(
      await follow(t.app, user.accessToken, id, replyId, shown.lastEventId as number),
    );
    const sent = await toEnd(sse);
    expect(`${shown.content as string}${deltasOf(resumed)}`).toBe(sent.at(-1)!.data.content);
    const ended = await storedReply(t.app, user.accessToken, id, replyId);
    expect(ended).not.toHaveProperty('lastEventId');
  });

  it('stop from a second connection: 202, the upstream aborted within 1 s, stored cancelled with exactly the text produced, every reader gets the final event', async () => {
    await expectStopReachesEveryone({
      sending: t.app,
      stopping: t.app,
      reading: t.app,
      token: user.accessToken,
      model: t.model.control,
    });
  });

  it('deleting the session stops its reply: cancelled / session_deleted, and its readers get the final event', async () => {
    await t.model.control.setScenario({ chunks: 200, chunkGapMs: 20 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    await sse.waitFor('message.delta', 2);
    expect(
      (await request(t.app).delete(`/api/v1/chat/sessions/${id}`).set(bearer(user.accessToken))).status,
    ).toBe(204);
    const sent = await toEnd(sse);
    expect(sent.at(-1)).toMatchObject({
      event: 'message.completed',
      data: { status: 'cancelled', errorCode: 'session_deleted', content: deltasOf(sent) },
    });
    await waitForRequests(t.model.control, (r) => r[0]?.aborted === true, { timeoutMs: 1_000 });
    expect(
      (await request(t.app).post(`/api/v1/chat/sessions/${id}/restore`).set(bearer(user.accessToken))).status,
    ).toBe(200);
    expect(await storedReply(t.app, user.accessToken, id, replyId)).toMatchObject({
      status: 'cancelled',
      errorCode: 'session_deleted',
    });
  });

  it('answers 422 for a Last-Event-ID that is not a whole number, 404 for anything but an assistant reply of your own session, 401 without a token', async () => {
    await t.model.control.setScenario({ chunks: 3 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    const sent = await toEnd(sse);
    const userMessageId = sent[0]!.data.id as string;
    const get = (path: string, token = user.accessToken, headers: Record<string, string> = {}) =>
      request(t.app).get(path).set(bearer(token)).set(headers);
    for (const bad of ['x', '1.5', '-1', ' 2a', '99999999999999999999']) {
      const res = await get(streamPath(id, replyId), user.accessToken, { 'Last-Event-ID': bad });
      expect(res.status, bad).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'Last-Event-ID', message: 'must be a whole number from 0' }]);
    }
    expect((await get(`${streamPath(id, replyId)}?lastEventId=abc`)).status).toBe(422);
    for (const path of [
      streamPath(id, userMessageId),
      streamPath(id, '019a0000-0000-7000-8000-00000000dead'),
      streamPath(id, 'not-a-uuid'),
      streamPath('019a0000-0000-7000-8000-00000000dead', replyId),
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(streamPath(id, replyId), other.accessToken)).status).toBe(404);
    expect((await request(t.app).post(stopPath(id, replyId)).set(bearer(other.accessToken))).status).toBe(
      404,
    );
    expect(
      (await request(t.app).post(stopPath(id, userMessageId)).set(bearer(user.accessToken))).status,
    ).toBe(404);
    expect((await request(t.app).get(streamPath(id, replyId))).status).toBe(401);
  });

  it('readiness answers 503 from the moment the instance starts shutting down', async () => {
    expect((await request(t.app).get('/readyz')).status).toBe(200);
    t.app.locals.shuttingDown = true;
    try {
      const res = await request(t.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'down', reason: 'shutting_down' });
    } finally {
      t.app.locals.shuttingDown = false;
    }
  });
});

describe('a reply whose log has expired, and one that runs out of time', () => {
  let t: TestApp;
  let user: SignedIn;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHAT_REPLY_LOG_TTL_S: '1', LLM_MAX_DURATION_MS: '1000' } });
    user = await signUp(t.app);
    await openChatFor(t.app, [user.user.id]);
  });
  afterAll(() => t?.close());

  /** Redis expires the log CHAT_REPLY_LOG_TTL_S after the reply's end: wait until it has. */
  const expired = async (replyId: string) => {
    while ((await t.ctx.redis!.exists(`reply-log:${replyId}`)) === 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('answers from the stored message: its final event (message.completed, or error for one that failed), without an id', async () => {
    await t.model.control.setScenario({ chunks: 5 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    const sent = await toEnd(sse);
    await expired(replyId);
    const late = await toEnd(await follow(t.app, user.accessToken, id, replyId, 2));
    expect(late).toEqual([
      { id: undefined, event: 'message.completed', data: { ...sent.at(-1)!.data, usage: null } },
    ]);

    await t.model.control.setScenario({ chunks: 10, failure: 'cut_mid_stream', failAfterChunks: 4 });
    const cutId = await newSession(t.app, user.accessToken);
    const cut = await sendStreaming(t.app, user.accessToken, cutId);
    await toEnd(cut.sse);
    await expired(cut.replyId);
    const failed = await toEnd(await follow(t.app, user.accessToken, cutId, cut.replyId, 1));
    expect(failed).toMatchObject([
      { id: undefined, event: 'error', data: { status: 502, code: 'llm_error' } },
    ]);
  });

  it('LLM_MAX_DURATION_MS ends a reply that takes longer: interrupted / llm_timeout with the text produced, an error event (504) for every reader, the upstream aborted', async () => {
    await t.model.control.reset();
    await t.model.control.setScenario({ chunks: 400, chunkGapMs: 20 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    const reader = await follow(t.app, user.accessToken, id, replyId);
    const [sent, read] = await Promise.all([toEnd(sse), toEnd(reader)]);
    for (const events of [sent, read]) {
      expect(events.at(-1)).toMatchObject({
        event: 'error',
        data: { status: 504, code: 'llm_timeout', phase: 'max_duration' },
      });
    }
    const [upstream] = await waitForRequests(t.model.control, (r) => r[0]?.aborted === true);
    expect(upstream!.chunksSent).toBeLessThan(400);
    expect(await storedReply(t.app, user.accessToken, id, replyId)).toMatchObject({
      status: 'interrupted',
      errorCode: 'llm_timeout',
      content: deltasOf(sent),
    });
  });
});
