/*
 * POST /chat/sessions/{id}/messages, streamed. The answer is Server-Sent Events read from fetch
 * (EventSource cannot POST or send a bearer token): `message.created` (the stored user
 * message, sent before the model is called), then the reply's own log (lib/reply-events.ts):
 * `reply.started`, the deltas, one final `message.completed` or `error`.
 *
 * The reply belongs to the session, not to this request: if the stream breaks after
 * `message.created`, the reply goes on and the caller follows it again from the last event id
 * it got (`dropped`). If it breaks before, nobody knows whether the send was stored, so it goes
 * again as plain JSON with the SAME Idempotency-Key: the server then either answers the stored
 * exchange or sends it for the first time, never twice.
 * Anything refused before the stream starts (404, 409, 422, 429, 503) is a real HTTP status
 * with problem+json, and nothing was stored.
 */
import { ApiError, networkError, toApiError } from '@/lib/api/api-error';
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';
import { readEventStream } from '@/lib/sse/read-event-stream';
import { pause, waitUntilOnline } from '@/lib/wait';
import { isFinal, toReplyEvent, type ReplyEvent } from '../lib/reply-events';
import type { ChatMessage, SendMessageRequest, SendMessageResponse } from './types';

export interface SendInput {
  sessionId: string;
  content: string;
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface SendCallbacks {
  /** Each event of the stream, in order. */
  onEvent(event: ReplyEvent): void;
  /** The stream failed before it started; the JSON fallback (same key) is under way. */
  onReconnecting?(): void;
}

export type SendResult =
  /** The stream carried its final event (already passed to `onEvent`). */
  | { kind: 'ended' }
  /** The JSON answer: the finished exchange. */
  | { kind: 'completed'; userMessage: ChatMessage; assistantMessage: ChatMessage }
  /** The stream broke after the user message was stored: the reply runs on, follow it. */
  | { kind: 'dropped' }
  /** The signal aborted (the page went away) before the server had stored anything. */
  | { kind: 'cancelled' }
  /**
   * Refused with an HTTP error. `stored` is false for everything checked before the model is
   * called (nothing was saved, the text can go back into the input); true when the JSON
   * fallback failed at the model (502/504), after the user message was saved.
   */
  | { kind: 'rejected'; error: ApiError; stored: boolean };

const messagesUrl = (sessionId: string) =>
  absoluteUrl(`${API_BASE_PATH}/chat/sessions/${encodeURIComponent(sessionId)}/messages`);

function request(input: SendInput, accept: string): Promise<Response> {
  const body: SendMessageRequest = { content: input.content };
  return authFetch(messagesUrl(input.sessionId), {
    method: 'POST',
    headers: {
      accept,
      'content-type': 'application/json',
      'idempotency-key': input.idempotencyKey,
    },
    body: JSON.stringify(body),
    signal: input.signal,
  });
}

const isEventStream = (response: Response) =>
  (response.headers.get('content-type') ?? '').includes('text/event-stream');

async function readJsonExchange(response: Response): Promise<SendResult> {
  const exchange = (await response.json()) as SendMessageResponse;
  return {
    kind: 'completed',
    userMessage: exchange.userMessage,
    assistantMessage: exchange.assistantMessage,
  };
}

export async function sendMessage(input: SendInput, callbacks: SendCallbacks): Promise<SendResult> {
  const { signal } = input;
  let response: Response;
  try {
    response = await request(input, 'text/event-stream');
  } catch (error) {
    if (signal.aborted) return { kind: 'cancelled' };
    // The session could not be renewed: nothing to fall back to.
    if (error instanceof ApiError) return { kind: 'rejected', error, stored: false };
    return sendAsJson(input, callbacks);
  }
  if (!response.ok) return { kind: 'rejected', error: await toApiError(response), stored: false };
  // An Idempotency-Key the server has seen answers the stored exchange as JSON.
  if (!isEventStream(response) || !response.body) {
    try {
      return await readJsonExchange(response);
    } catch {
      return signal.aborted ? { kind: 'cancelled' } : sendAsJson(input, callbacks);
    }
  }

  let created = false;
  try {
    for await (const message of readEventStream(response.body, signal)) {
      const event = toReplyEvent(message);
      if (!event) continue; // Events of newer servers.
      if (event.type === 'message.created') created = true;
      callbacks.onEvent(event);
      if (isFinal(event)) return { kind: 'ended' };
    }
  } catch {
    // Read as the stream ending early, below.
  }
  if (created) return { kind: 'dropped' };
  return signal.aborted ? { kind: 'cancelled' } : sendAsJson(input, callbacks);
}

// 502/504 come after the model was called, so the user message was stored with the failure.
const STORED_FAILURES = new Set([500, 502, 504]);
const RETRY_DELAYS_MS = [1_000, 3_000];
const CONFLICT_DELAY_MS = 1_500;
const MAX_CONFLICT_WAITS = 20;

/**
 * The same send as JSON, with the same Idempotency-Key. A 409 `idempotency_conflict` means
 * the first attempt did reach the server and is still running: wait for it to finish, then the
 * same key answers its stored exchange.
 */
async function sendAsJson(input: SendInput, callbacks: SendCallbacks): Promise<SendResult> {
  const { signal } = input;
  callbacks.onReconnecting?.();
  let networkFailures = 0;
  let conflicts = 0;
  for (;;) {
    let response: Response;
    try {
      await waitUntilOnline(signal);
      response = await request(input, 'application/json');
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled' };
      if (error instanceof ApiError) return { kind: 'rejected', error, stored: false };
      const delay = RETRY_DELAYS_MS[networkFailures++];
      if (delay === undefined) return { kind: 'rejected', error: networkError(), stored: false };
      if (!(await pause(delay, signal))) return { kind: 'cancelled' };
      continue;
    }
    if (response.ok) return readJsonExchange(response);
    const error = await toApiError(response);
    if (error.code === 'idempotency_conflict' && conflicts++ < MAX_CONFLICT_WAITS) {
      if (!(await pause(CONFLICT_DELAY_MS, signal))) return { kind: 'cancelled' };
      continue;
    }
    return { kind: 'rejected', error, stored: STORED_FAILURES.has(error.status) };
  }
}
