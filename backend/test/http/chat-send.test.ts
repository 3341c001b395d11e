import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { openSse, openStream } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Polls until the reply row is no longer `streaming` (it is finalised right after the stream ends). */
async function settledReply(t: TestApp, token: string, sessionId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await request(t.app).get(`/api/v1/chat/sessions/${sessionId}`).set(bearer(token));
    const reply = res.body.messages?.at(-1);
    if (reply && reply.role === 'assistant' && reply.status !== 'streaming')
      return { session: res.body, reply };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('reply still streaming');
}

describe('sending a message', () => {
  let t: TestApp;
  let user: SignedIn;
  let other: SignedIn;
  beforeAll(async () => {
    t = await startTestApp({
      env: { LLM_TIMEOUT_MS: '1500', CHAT_RATE_LIMIT_PER_MINUTE: '1000', CHAT_DAILY_MESSAGE_QUOTA: '1000' },
    });
    user = await signUp(t.app);
    other = await signUp(t.app);
    await openChatFor(t.app, [user.user.id, other.user.id]);
  });
  afterAll(() => t?.close());
  afterEach(() => t.model.control.reset());

  const newSession = async (who: SignedIn = user) =>
    (await request(t.app).post('/api/v1/chat/sessions').set(bearer(who.accessToken)).send({})).body
      .id as string;
  const sendPath = (id: string) => `/api/v1/chat/sessions/${id}/messages`;
  const streamPath = (id: string, messageId: string) =>
    `/api/v1/chat/sessions/${id}/messages/${messageId}/stream`;

  it('streams: message.created without an id, then the reply log from reply.started (id 0), one delta per upstream chunk, message.completed', async () => {
    await t.model.control.setScenario({ chunks: 8 });
    const id = await newSession();
    const sse = await openSse(t.app, sendPath(id), user.accessToken, { content: 'Hello there' });
    await sse.ended;
    await sse.close();
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(sse.headers['cache-control']).toContain('no-cache');
    expect(sse.headers['x-accel-buffering']).toBe('no');
    const names = sse.events.map((e) => e.event);
    expect(names).toEqual([
      'message.created',
      'reply.started',
      ...Array(8).fill('message.delta'),
      'message.completed',
    ]);
    expect(sse.events.map((e) => e.id)).toEqual([undefined, ...names.slice(1).map((_, i) => String(i))]);
    const [created, started, ...rest] = sse.events;
    expect(started!.data).toMatchObject({
      role: 'assistant',
      status: 'streaming',
      content: '',
      lastEventId: 0,
    });
    expect(created!.data).toMatchObject({
      role: 'user',
      content: 'Hello there',
      status: 'complete',
      sessionId: id,
    });
    const completed = rest.at(-1)!.data;
    const streamed = rest
      .slice(0, -1)
      .map((e) => e.data.content)
      .join('');
    expect(rest.slice(0, -1).every((e) => e.data.messageId === completed.id)).toBe(true);
    expect(started!.data.id).toBe(completed.id);
    expect(completed).toMatchObject({
      role: 'assistant',
      status: 'complete',
      content: streamed,
      model: 'fake-model',
      usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) },
    });
    expect(streamed).toContain('## Demo reply');

    const stored = await request(t.app).get(`/api/v1/chat/sessions/${id}`).set(bearer(user.accessToken));
    expect(
      stored.body.messages.map((m: { role: string; status: string; content: string }) => [
        m.role,
        m.status,
        m.content,
      ]),
    ).toEqual([
      ['user', 'complete', 'Hello there'],
      ['assistant', 'complete', streamed],
    ]);
    expect(stored.body).toMatchObject({ title: 'Hello there', messageCount: 2 });
    // The model got the system prompt, then the user message.
    const [upstream] = await t.model.control.requests();
    expect((upstream!.body as { messages: { role: string }[] }).messages.map((m) => m.role)).toEqual([
      'system',
      'user',
    ]);
  });

  it('answers JSON without Accept: text/event-stream', async () => {
    const id = await newSession();
    const res = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .send({ content: '  Hi  ', params: { temperature: 0.2, maxTokens: 50 } });
    expect(res.status).toBe(200);
    expect(res.body.userMessage).toMatchObject({ role: 'user', content: 'Hi', status: 'complete' });
    expect(res.body.assistantMessage).toMatchObject({
      role: 'assistant',
      status: 'complete',
      content: expect.stringContaining('## Demo reply'),
    });
    const [upstream] = await t.model.control.requests();
    expect(upstream!.body).toMatchObject({ temperature: 0.2, max_tokens: 50, stream: true });
  });

  it('a client that disconnects after 3 deltas: the upstream is not aborted, the reply ends complete with the full text, the quota charged once', async () => {
    await t.model.control.setScenario({ chunks: 40, chunkGapMs: 20 });
    const quota = async () =>
      (await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken))).body.dailyQuota
        .used as number;
    const usedBefore = await quota();
    const id = await newSession();
    const sse = await openSse(t.app, sendPath(id), user.accessToken, { content: 'Tell me a long story' });
    await sse.waitFor('message.delta', 3);
    sse.disconnect();
    await sse.close();
    const { reply } = await settledReply(t, user.accessToken, id);
    const [upstream] = await t.model.control.requests();
    expect(upstream).toMatchObject({ aborted: false, finished: true, chunksSent: 40 });
    expect(reply.status).toBe('complete');
    expect(reply.errorCode).toBeNull();
    // The whole reply the model wrote, the same text a reader following to the end gets.
    const follower = await openStream(t.app, streamPath(id, reply.id), user.accessToken);
    await follower.ended;
    await follower.close();
    const streamed = follower.events
      .filter((e) => e.event === 'message.delta')
      .map((e) => e.data.content)
      .join('');
    expect(follower.events).toHaveLength(42);
    expect(reply.content).toBe(streamed);
    expect(await quota()).toBe(usedBefore + 1);
  });

  it('an upstream cut mid-stream: event error, and the partial reply stored as interrupted', async () => {
    await t.model.control.setScenario({ chunks: 10, failure: 'cut_mid_stream', failAfterChunks: 4 });
    const id = await newSession();
    const sse = await openSse(t.app, sendPath(id), user.accessToken, { content: 'Cut me' });
    await sse.ended;
    await sse.close();
    const names = sse.events.map((e) => e.event);
    expect(names).toEqual([
      'message.created',
      'reply.started',
      'message.delta',
      'message.delta',
      'message.delta',
      'message.delta',
      'error',
    ]);
    expect(sse.events.at(-1)!.data).toMatchObject({
      status: 502,
      code: 'llm_error',
      type: 'urn:parley:problem:llm_error',
    });
    const partial = sse.events
      .filter((e) => e.event === 'message.delta')
      .map((e) => e.data.content)
      .join('');
    const { reply } = await settledReply(t, user.accessToken, id);
    expect(reply).toMatchObject({ status: 'interrupted', content: partial });
  });

  it('a second send while one streams answers 409 reply_in_progress, and sends nothing upstream', async () => {
    await t.model.control.setScenario({ chunks: 30, chunkGapMs: 40 });
    const id = await newSession();
    const sse = await openSse(t.app, sendPath(id), user.accessToken, { content: 'First' });
    await sse.waitFor('message.delta', 1);
    const second = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .send({ content: 'Second' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('reply_in_progress');
    await sse.ended;
    await sse.close();
    expect(await t.model.control.requests()).toHaveLength(1);
    const { session } = await settledReply(t, user.accessToken, id);
    expect(session.messages.map((m: { content: string }) => m.content)[0]).toBe('First');
    expect(session.messageCount).toBe(2);
  });

  it('the same Idempotency-Key twice makes one exchange; a different body with it is refused', async () => {
    const id = await newSession();
    const send = () =>
      request(t.app)
        .post(sendPath(id))
        .set(bearer(user.accessToken))
        .set('Idempotency-Key', 'key-123')
        .send({ content: 'Once only' });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await t.model.control.requests()).toHaveLength(1);
    expect(
      (await request(t.app).get(`/api/v1/chat/sessions/${id}`).set(bearer(user.accessToken))).body
        .messageCount,
    ).toBe(2);
    const reused = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .set('Idempotency-Key', 'key-123')
      .send({ content: 'Something else' });
    expect(reused.status).toBe(422);
    // Keys are per user: another user's identical key is a different request.
    const theirs = await newSession(other);
    const otherUser = await request(t.app)
      .post(sendPath(theirs))
      .set(bearer(other.accessToken))
      .set('Idempotency-Key', 'key-123')
      .send({ content: 'Once only' });
    expect(otherUser.status).toBe(200);
    expect(otherUser.body.userMessage.id).not.toBe(first.body.userMessage.id);
  });

  it('a key reused while its first request streams answers 409 idempotency_conflict', async () => {
    await t.model.control.setScenario({ chunks: 30, chunkGapMs: 40 });
    const id = await newSession();
    const sse = await openSse(
      t.app,
      sendPath(id),
      user.accessToken,
      { content: 'Slow' },
      { 'Idempotency-Key': 'key-slow' },
    );
    await sse.waitFor('message.delta', 1);
    const again = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .set('Idempotency-Key', 'key-slow')
      .send({ content: 'Slow' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('idempotency_conflict');
    await sse.ended;
    await sse.close();
  });

  it('first-token timeout: 504 in JSON mode, an error event with status 504 in SSE mode; the quota unit comes back', async () => {
    await t.model.control.setScenario({ failure: 'stall_before_first_token' });
    const id = await newSession();
    const json = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .send({ content: 'Anyone?' });
    expect(json.status).toBe(504);
    expect(json.body).toMatchObject({ code: 'llm_timeout', status: 504 });

    const id2 = await newSession();
    const sse = await openSse(t.app, sendPath(id2), user.accessToken, { content: 'Anyone?' });
    await sse.ended;
    await sse.close();
    expect(sse.events.map((e) => e.event)).toEqual(['message.created', 'reply.started', 'error']);
    expect(sse.events[2]!.data).toMatchObject({ status: 504, code: 'llm_timeout' });
    const { reply } = await settledReply(t, user.accessToken, id2);
    expect(reply).toMatchObject({ status: 'error', content: '' });
  });

  it('rejects bad input with 422 before anything is stored or sent', async () => {
    const id = await newSession();
    for (const body of [
      { content: '   ' },
      { content: 'x'.repeat(4001) },
      { content: 'nul \u0000 here' },
      { content: 'ok', params: { temperature: 3 } },
      { content: 'ok', params: { maxTokens: 5000 } },
      { content: 'ok', role: 'system' },
    ]) {
      const res = await request(t.app).post(sendPath(id)).set(bearer(user.accessToken)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
    const badKey = await request(t.app)
      .post(sendPath(id))
      .set(bearer(user.accessToken))
      .set('Idempotency-Key', 'has space')
      .send({ content: 'ok' });
    expect(badKey.status).toBe(422);
    expect(await t.model.control.requests()).toHaveLength(0);
    expect(
      (await request(t.app).get(`/api/v1/chat/sessions/${id}`).set(bearer(user.accessToken))).body
        .messageCount,
    ).toBe(0);
  });

  it("answers 404 for someone else's session and stores nothing in it", async () => {
    const theirs = await newSession(other);
    const res = await request(t.app)
      .post(sendPath(theirs))
      .set(bearer(user.accessToken))
      .send({ content: 'Hi' });
    expect(res.status).toBe(404);
    expect(
      (await request(t.app).get(`/api/v1/chat/sessions/${theirs}`).set(bearer(other.accessToken))).body
        .messageCount,
    ).toBe(0);
    expect(await t.model.control.requests()).toHaveLength(0);
  });
});

describe('the circuit breaker on the send route', () => {
  it('5 failing requests (502 each) open it; the 6th gets 503 fast with no upstream call; after the reset one probe closes it', async () => {
    const t = await startTestApp({ env: { LLM_CIRCUIT_RESET_MS: '1500', LLM_TIMEOUT_MS: '10000' } });
    try {
      const user = await signUp(t.app);
      await openChatFor(t.app, [user.user.id]);
      const id = (await request(t.app).post('/api/v1/chat/sessions').set(bearer(user.accessToken)).send({}))
        .body.id;
      const send = () =>
        request(t.app)
          .post(`/api/v1/chat/sessions/${id}/messages`)
          .set(bearer(user.accessToken))
          .send({ content: 'Hello?' });
      await t.model.control.setScenario({ failure: 'http_500' });
      for (let i = 0; i < 5; i++) {
        const res = await send();
        expect(res.status, `request ${i + 1}`).toBe(502);
        expect(res.body.code).toBe('llm_error');
      }
      const upstreamBefore = (await t.model.control.requests()).length;
      expect((await request(t.app).get('/readyz')).body.checks.llm).toMatchObject({
        status: 'degraded',
        circuit: 'open',
      });

      const started = performance.now();
      const fast = await send();
      const elapsed = performance.now() - started;
      expect(fast.status).toBe(503);
      expect(fast.body.code).toBe('llm_unavailable');
      expect(Number(fast.headers['retry-after'])).toBeGreaterThan(0);
      expect((await t.model.control.requests()).length).toBe(upstreamBefore);
      // Open, it answers without waiting for the upstream (whose first-token timeout is 10 s here).
      expect(elapsed).toBeLessThan(1_000);

      await t.model.control.setScenario({ failure: 'none' });
      const deadline = Date.now() + 5_000;
      while ((await request(t.app).get('/readyz')).body.checks.llm.circuit !== 'half_open') {
        if (Date.now() > deadline) throw new Error('circuit never went half-open');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const probe = await send();
      expect(probe.status).toBe(200);
      expect((await t.model.control.requests()).length).toBe(upstreamBefore + 1);
      expect((await request(t.app).get('/readyz')).body.checks.llm).toMatchObject({
        status: 'up',
        circuit: 'closed',
      });
    } finally {
      await t.close();
    }
  });
});
