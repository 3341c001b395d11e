import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { bearer } from './auth-helpers.js';
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
