import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { waitForRequests } from '../../src/infrastructure/llm/fake/fake-model-control.client.js';
import type { FakeModelControl } from '../../src/infrastructure/llm/fake/fake-model-control.js';
import { bearer } from './auth-helpers.js';
import { TEST_JWT_SECRET } from './test-app.js';
import { TEST_REDIS_URL } from './test-database.js';
import { openSse, openStream, type SseEvent, type SseStream, type Target } from './sse-client.js';

/*
 * Helpers for the tests of replies that outlive their request: send, follow, stop, and look at
 * what a reply left, through the real HTTP API.
 */

export const sendPath = (sessionId: string) => `/api/v1/chat/sessions/${sessionId}/messages`;
export const streamPath = (sessionId: string, replyId: string) =>
  `/api/v1/chat/sessions/${sessionId}/messages/${replyId}/stream`;
export const stopPath = (sessionId: string, replyId: string) =>
  `/api/v1/chat/sessions/${sessionId}/messages/${replyId}/stop`;

export const FINAL_EVENTS = ['message.completed', 'error'];

export async function newSession(app: Express, token: string): Promise<string> {
  const res = await request(app).post('/api/v1/chat/sessions').set(bearer(token)).send({});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Sends with Accept: text/event-stream and waits for `reply.started`: the stream and the reply's id. */
export async function sendStreaming(
  app: Target,
  token: string,
  sessionId: string,
  content = 'Tell me a long story',
): Promise<{ sse: SseStream; replyId: string }> {
  const sse = await openSse(app, sendPath(sessionId), token, { content });
  expect(sse.status, sse.body()).toBe(200);
  await sse.waitFor('reply.started');
  const started = sse.events.find((e) => e.event === 'reply.started');
  expect(started, sse.body()).toBeDefined();
  return { sse, replyId: started!.data.id as string };
}

/** Follows a reply (GET .../stream), after `lastEventId` when given. */
export function follow(
  app: Target,
  token: string,
  sessionId: string,
  replyId: string,
  lastEventId?: number,
): Promise<SseStream> {
  return openStream(
    app,
    streamPath(sessionId, replyId),
    token,
    lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) },
  );
}

/** Reads a stream to its end and closes it. */
export async function toEnd(stream: SseStream): Promise<SseEvent[]> {
  await stream.ended;
  await stream.close();
  return stream.events;
}

export const deltasOf = (events: SseEvent[]) =>
  events
    .filter((e) => e.event === 'message.delta')
    .map((e) => e.data.content)
    .join('');

export const idsOf = (events: SseEvent[]) =>
  events.map((e) => (e.id === undefined ? undefined : Number(e.id)));

export const finalsOf = (events: SseEvent[]) => events.filter((e) => FINAL_EVENTS.includes(e.event));

/** The reply's stored row, as GET /chat/sessions/{id} shows it. */
export async function storedReply(
  app: Express,
  token: string,
  sessionId: string,
  replyId: string,
): Promise<Record<string, unknown>> {
  const res = await request(app).get(`/api/v1/chat/sessions/${sessionId}`).set(bearer(token));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const reply = (res.body.messages as { id: string }[]).find((m) => m.id === replyId);
  expect(reply, 'the reply in its session').toBeDefined();
  return reply as Record<string, unknown>;
}

/** Consecutive integers from `first` to `last`. */
export const range = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * Stop from a second connection (on `stopping`, which may be another instance than `sending`):
 * 202, the upstream request aborted within a second, the sender and a reader on `reading` both
 * get exactly one final event, `cancelled` with exactly the text the reply produced, and the
 * row says the same.
 */
export async function expectStopReachesEveryone(options: {
  readonly sending: Express;
  readonly stopping: Express;
  readonly reading: Express;
  readonly token: string;
  readonly model: FakeModelControl;
}): Promise<void> {
  const { sending, stopping, reading, token, model } = options;
  await model.setScenario({ chunks: 300, chunkGapMs: 20 });
  const id = await newSession(sending, token);
  const { sse, replyId } = await sendStreaming(sending, token, id);
  const reader = await follow(reading, token, id, replyId);
  await sse.waitFor('message.delta', 3);
  const stopped = await request(stopping).post(stopPath(id, replyId)).set(bearer(token));
  expect(stopped.status).toBe(202);
  const [upstream] = await waitForRequests(model, (r) => r[0]?.aborted === true, { timeoutMs: 1_000 });
  expect(upstream!.chunksSent).toBeLessThan(300);
  const [sent, read] = await Promise.all([toEnd(sse), toEnd(reader)]);
  for (const events of [sent, read]) {
    expect(finalsOf(events)).toHaveLength(1);
    expect(events.at(-1)!.data).toMatchObject({
      status: 'cancelled',
      errorCode: 'stopped',
      content: deltasOf(sent),
    });
  }
  expect(deltasOf(read)).toBe(deltasOf(sent));
  expect(await storedReply(reading, token, id, replyId)).toMatchObject({
    status: 'cancelled',
    errorCode: 'stopped',
    content: deltasOf(sent),
  });
  const again = await request(stopping).post(stopPath(id, replyId)).set(bearer(token));
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('reply_not_running');
}

/** The environment of a Parley process (spawnServer) that shares a test app's PostgreSQL, Redis and model. */
export function sharedInstanceEnv(shared: {
  readonly databaseUrl: string;
  readonly redisKeyPrefix: string;
  readonly modelUrl: string;
  readonly dataDir: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    // info: the "Parley is listening" line carries the URL.
    LOG_LEVEL: 'info',
    DATA_DIR: shared.dataDir,
    DATABASE_URL: shared.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: shared.redisKeyPrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_PASSWORD: 'admin-password-for-tests',
    FEATURE_CHAT_ENABLED: 'true',
    SAMBANOVA_API_BASE: shared.modelUrl,
    SAMBANOVA_API_KEY: 'test-key',
    SAMBANOVA_MODEL: 'fake-model',
  };
}
