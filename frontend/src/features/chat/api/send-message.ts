/*
 * POST /chat/sessions/{id}/messages, streamed. The reply arrives as Server-Sent Events read
 * from fetch (EventSource cannot POST or send a bearer token):
 *
 *   message.created   the stored user message (sent before the model is called)
 *   message.delta     one piece of the reply
 *   message.completed the stored reply       | error   problem details; the stream then ends
 *
 * Every send carries an Idempotency-Key. If the stream fails before `message.created` (the
 * network, a proxy), the same send goes again as plain JSON with the SAME key: the server then
 * either answers the stored exchange or sends it for the first time, never twice.
 * Anything refused before the stream starts (404, 409, 422, 429, 503) is a real HTTP status
 * with problem+json, and nothing was stored.
 */
import { ApiError, networkError, parseProblem, toApiError } from '@/lib/api/api-error';
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';
import { readEventStream } from '@/lib/sse/read-event-stream';
import { isRecord } from '@/lib/utils';
import type {
  ChatMessage,
  MessageCompleted,
  MessageDelta,
  SendMessageRequest,
  SendMessageResponse,
} from './types';

export interface SendInput {
  sessionId: string;
  content: string;
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface SendCallbacks {
  /** The server stored the user message: the exchange now exists server-side. */
  onCreated?(message: ChatMessage): void;
  onDelta?(delta: MessageDelta): void;
  /** The stream failed before it started; the JSON fallback (same key) is under way. */
  onReconnecting?(): void;
}

export type SendResult =
  /** The finished exchange (the reply may still be `cancelled` etc. when a replay says so). */
  | { kind: 'completed'; userMessage: ChatMessage | null; assistantMessage: ChatMessage }
  /** An `error` event after the reply started: the partial reply is stored as interrupted/error. */
  | { kind: 'failed'; error: ApiError }
  /** The user pressed Stop. `created`: whether the server had stored the user message. */
  | { kind: 'cancelled'; created: boolean }
  /** The stream broke (or ended without a final event) after the user message was stored. */
  | { kind: 'interrupted' }
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

const withoutUsage = ({ usage: _usage, ...message }: MessageCompleted): ChatMessage => message;

function problemFrom(data: unknown): ApiError {
  const status = isRecord(data) && typeof data.status === 'number' ? data.status : 502;
  return new ApiError(parseProblem(data, status));
}

async function readJsonExchange(response: Response): Promise<SendResult> {
  const exchange = (await response.json()) as SendMessageResponse;
  return {
    kind: 'completed',
    userMessage: exchange.userMessage,
    assistantMessage: exchange.assistantMessage,
  };
}

export async function sendMessage(input: SendInput, callbacks: SendCallbacks = {}): Promise<SendResult> {
  const { signal } = input;
  let response: Response;
  try {
    response = await request(input, 'text/event-stream');
  } catch (error) {
    if (signal.aborted) return { kind: 'cancelled', created: false };
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
      return signal.aborted ? { kind: 'cancelled', created: false } : sendAsJson(input, callbacks);
    }
  }

  let userMessage: ChatMessage | null = null;
  try {
    for await (const event of readEventStream(response.body, signal)) {
      switch (event.event) {
        case 'message.created':
          userMessage = JSON.parse(event.data) as ChatMessage;
          callbacks.onCreated?.(userMessage);
          break;
        case 'message.delta':
          callbacks.onDelta?.(JSON.parse(event.data) as MessageDelta);
          break;
        case 'message.completed':
          return {
            kind: 'completed',
            userMessage,
            assistantMessage: withoutUsage(JSON.parse(event.data) as MessageCompleted),
          };
        case 'error':
          return { kind: 'failed', error: problemFrom(JSON.parse(event.data)) };
        default:
        // Unknown events are for newer clients.
      }
    }
  } catch {
    if (signal.aborted) return { kind: 'cancelled', created: userMessage !== null };
    return userMessage ? { kind: 'interrupted' } : sendAsJson(input, callbacks);
  }
  if (signal.aborted) return { kind: 'cancelled', created: userMessage !== null };
  return userMessage ? { kind: 'interrupted' } : sendAsJson(input, callbacks);
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
export async function sendAsJson(input: SendInput, callbacks: SendCallbacks = {}): Promise<SendResult> {
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
      if (signal.aborted) return { kind: 'cancelled', created: false };
      if (error instanceof ApiError) return { kind: 'rejected', error, stored: false };
      const delay = RETRY_DELAYS_MS[networkFailures++];
      if (delay === undefined) return { kind: 'rejected', error: networkError(), stored: false };
      if (!(await pause(delay, signal))) return { kind: 'cancelled', created: false };
      continue;
    }
    if (response.ok) return readJsonExchange(response);
    const error = await toApiError(response);
    if (error.code === 'idempotency_conflict' && conflicts++ < MAX_CONFLICT_WAITS) {
      if (!(await pause(CONFLICT_DELAY_MS, signal))) return { kind: 'cancelled', created: false };
      continue;
    }
    return { kind: 'rejected', error, stored: STORED_FAILURES.has(error.status) };
  }
}

/** Resolves after `ms`, or false at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for the browser to report a connection (at once when it already does). */
function waitUntilOnline(signal: AbortSignal): Promise<void> {
  if (typeof navigator === 'undefined' || navigator.onLine !== false) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      window.removeEventListener('online', done);
      reject(signal.reason);
    };
    window.addEventListener('online', done);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
