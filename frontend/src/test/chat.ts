/*
 * Test doubles for the chat and limits API: an in-memory server (msw handlers over mutable
 * state, recording what the page sent), fixtures typed from the generated schema, and a
 * Server-Sent-Events body the test writes into event by event.
 */
import { configure, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { beforeAll, beforeEach, expect, vi } from 'vitest';
import type { Schemas } from '@/lib/api/types';
import { problem, signedInHandlers } from './auth';
import { renderApp } from './render-app';
import { server } from './server';

/** A 429 as the send route answers it: the refusing limit's numbers in the body, Retry-After. */
export function limitProblem(
  code: 'quota_exceeded' | 'rate_limited',
  { limit, resetAt, retryAfter }: { limit: number; resetAt: string; retryAfter: number },
) {
  return HttpResponse.json(
    {
      type: `urn:parley:problem:${code}`,
      title: code === 'quota_exceeded' ? 'Daily quota exceeded' : 'Too many requests',
      status: 429,
      detail:
        code === 'quota_exceeded'
          ? `The daily quota of ${limit} messages is used up; it resets at midnight UTC.`
          : `Too many requests: the limit is ${limit} per minute.`,
      code,
      limit,
      remaining: 0,
      resetAt,
      requestId: 'req-429',
    },
    {
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': String(retryAfter) },
    },
  );
}

// The chat page is the app's biggest screen: role queries over it are slow in jsdom, more so
// when test files run in parallel. Wait longer before calling something missing.
configure({ asyncUtilTimeout: 4000 });

/** Per-test time limit for files that render the whole chat. */
export const CHAT_TEST_TIMEOUT = 20_000;

/**
 * Waits until `text` is on screen. (findByText can return an element that is replaced a
 * moment later, e.g. a reply's plain text once its Markdown renderer has loaded.)
 */
export const shows = (text: string | RegExp, options?: { timeout?: number }) =>
  waitFor(() => expect(screen.getByText(text)).toBeInTheDocument(), options);

type ChatSession = Schemas['ChatSessionDto'];
type ChatMessage = Schemas['ChatMessageDto'];
type ChatStreamEvent = Schemas['ChatStreamEvent'];
type Quota = Schemas['QuotaDto'];

const BASE = '/api/v1/chat';
const MESSAGES_PAGE = 50;

export function makeSession(overrides: Partial<ChatSession> = {}): ChatSession {
  return {
    id: 's1',
    title: 'Trip to Lisbon',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    lastActivityAt: '2026-03-01T10:00:00.000Z',
    messageCount: 0,
    ...overrides,
  };
}

/** A message the user sent in s1 (u1 unless told), as the server stores it. */
export const makeUserMessage = (content: string, id = 'u1') =>
  makeMessage({ id, role: 'user', content, createdAt: '2026-03-01T10:05:00.000Z' });

/** The assistant's reply (a1 unless told), as the server stores it. */
export const makeReply = (content: string, overrides: Partial<ChatMessage> = {}) =>
  makeMessage({
    id: 'a1',
    role: 'assistant',
    content,
    model: 'demo',
    createdAt: '2026-03-01T10:05:00.000Z',
    ...overrides,
  });

/** A reply still being written, as GET /chat/sessions/{id} returns it (with its `lastEventId`). */
export const makeStreamingReply = (
  content: string,
  lastEventId: number,
  overrides: Partial<ChatMessage> = {},
) => makeReply(content, { status: 'streaming', lastEventId, ...overrides });

export function makeMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: 'm1',
    sessionId: 's1',
    role: 'user',
    content: 'Hello',
    status: 'complete',
    tokenCount: 1,
    model: null,
    errorCode: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The next UTC midnight, when the daily quota resets. */
export function nextUtcMidnight(now = Date.now()): string {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)).toISOString();
}

/** The start of the next clock minute, when the per-minute limit resets. */
export function nextMinute(now = Date.now()): string {
  return new Date(Math.floor(now / 60_000) * 60_000 + 60_000).toISOString();
}

/** A quota with resets in the future (relative to Date.now(), fake or not). */
export function makeQuota({
  dayUsed = 3,
  dayLimit = 100,
  minuteUsed = 1,
  minuteLimit = 10,
  dayResetAt = nextUtcMidnight(),
  minuteResetAt = nextMinute(),
}: Partial<{
  dayUsed: number;
  dayLimit: number;
  minuteUsed: number;
  minuteLimit: number;
  dayResetAt: string;
  minuteResetAt: string;
}> = {}): Quota {
  return {
    unlimited: false,
    dailyQuota: {
      limit: dayLimit,
      used: dayUsed,
      remaining: Math.max(0, dayLimit - dayUsed),
      resetAt: dayResetAt,
    },
    rateLimit: {
      limit: minuteLimit,
      remaining: Math.max(0, minuteLimit - minuteUsed),
      resetAt: minuteResetAt,
    },
  };
}

export const UNLIMITED: Quota = { unlimited: true, rateLimit: null, dailyQuota: null };

export interface RecordedCall {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

/** The chat API over in-memory state. Tests read `calls` and change the state as they go. */
export class FakeChatApi {
  sessions: ChatSession[];
  messages = new Map<string, ChatMessage[]>();
  deleted = new Map<string, ChatSession>();
  quota: Quota;
  calls: RecordedCall[] = [];
  quotaReads = 0;

  constructor({
    sessions = [makeSession()],
    messages = {},
    quota = makeQuota(),
  }: { sessions?: ChatSession[]; messages?: Record<string, ChatMessage[]>; quota?: Quota } = {}) {
    this.sessions = sessions;
    for (const [id, list] of Object.entries(messages)) this.messages.set(id, list);
    this.quota = quota;
  }

  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  async #record(request: Request): Promise<void> {
    const url = new URL(request.url);
    let body: unknown;
    if (request.method !== 'GET' && request.method !== 'DELETE') {
      body = await request
        .clone()
        .json()
        .catch(() => undefined);
    }
    this.calls.push({ method: request.method, path: url.pathname, search: url.search, body });
  }

  #find(id: string): ChatSession | undefined {
    return this.sessions.find((s) => s.id === id);
  }

  handlers() {
    return [
      http.get(`${BASE}/quota`, () => {
        this.quotaReads += 1;
        return HttpResponse.json(this.quota);
      }),
      http.get(`${BASE}/sessions`, async ({ request }) => {
        await this.#record(request);
        const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
        const items = this.sessions.filter((s) => !q || s.title.toLowerCase().includes(q));
        return HttpResponse.json({ items, nextCursor: null });
      }),
      http.post(`${BASE}/sessions`, async ({ request }) => {
        await this.#record(request);
        const session = makeSession({ id: `s${this.sessions.length + 1}-new`, title: 'New chat' });
        this.sessions = [session, ...this.sessions];
        return HttpResponse.json(session, { status: 201 });
      }),
      http.get(`${BASE}/sessions/:id`, async ({ request, params }) => {
        await this.#record(request);
        const session = this.#find(String(params.id));
        if (!session) return problem(404, 'not_found');
        const all = this.messages.get(session.id) ?? [];
        const latest = all.slice(-MESSAGES_PAGE);
        const cursor = all.length > latest.length ? (latest[0]?.id ?? null) : null;
        return HttpResponse.json({ ...session, messages: latest, messagesCursor: cursor });
      }),
      http.get(`${BASE}/sessions/:id/messages`, async ({ request, params }) => {
        await this.#record(request);
        const all = this.messages.get(String(params.id)) ?? [];
        const cursor = new URL(request.url).searchParams.get('cursor');
        const end = cursor ? all.findIndex((m) => m.id === cursor) : all.length;
        const items = all.slice(Math.max(0, end - MESSAGES_PAGE), end);
        const nextCursor = end - MESSAGES_PAGE > 0 ? (items[0]?.id ?? null) : null;
        return HttpResponse.json({ items, nextCursor });
      }),
      http.patch(`${BASE}/sessions/:id`, async ({ request, params }) => {
        await this.#record(request);
        const session = this.#find(String(params.id));
        if (!session) return problem(404, 'not_found');
        const { title } = (await request.json()) as { title: string };
        const renamed = { ...session, title, updatedAt: '2026-03-01T11:00:00.000Z' };
        this.sessions = this.sessions.map((s) => (s.id === renamed.id ? renamed : s));
        return HttpResponse.json(renamed);
      }),
      http.delete(`${BASE}/sessions/:id`, async ({ request, params }) => {
        await this.#record(request);
        const session = this.#find(String(params.id));
        if (!session) return problem(404, 'not_found');
        this.sessions = this.sessions.filter((s) => s.id !== session.id);
        this.deleted.set(session.id, session);
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(`${BASE}/sessions/:id/messages/:messageId/stop`, async ({ request, params }) => {
        await this.#record(request);
        const reply = this.messages.get(String(params.id))?.find((m) => m.id === params.messageId);
        if (!reply || reply.role !== 'assistant') return problem(404, 'not_found');
        if (reply.status !== 'streaming') return problem(409, 'reply_not_running');
        return new HttpResponse(null, { status: 202 });
      }),
      http.post(`${BASE}/sessions/:id/restore`, async ({ request, params }) => {
        await this.#record(request);
        const session = this.deleted.get(String(params.id));
        if (!session) return problem(404, 'not_found');
        this.deleted.delete(session.id);
        this.sessions = [...this.sessions, session].sort((a, b) =>
          b.lastActivityAt.localeCompare(a.lastActivityAt),
        );
        return HttpResponse.json(session);
      }),
    ];
  }
}

/** What the send route was sent: headers that matter and the body. */
export interface SentMessage {
  accept: string | null;
  idempotencyKey: string | null;
  body: unknown;
  signal: AbortSignal;
}

/**
 * The chat at /c/s1 (an empty session unless `api` says otherwise), with the send route
 * answered by `send` and any other `handlers` (a reply's stream, say); `sent` records sends.
 */
export function openChat(
  send: (request: Request, sent: SentMessage) => Response | Promise<Response>,
  {
    api = new FakeChatApi(),
    maxMessageLength = 4000,
    handlers = [],
  }: { api?: FakeChatApi; maxMessageLength?: number; handlers?: RequestHandler[] } = {},
) {
  const sent: SentMessage[] = [];
  server.use(
    ...signedInHandlers({ config: { limits: { maxMessageLength, maxTokens: 1024 } } }),
    ...api.handlers(),
    ...handlers,
    http.post('/api/v1/chat/sessions/:id/messages', async ({ request }) => {
      const message = await readSend(request);
      sent.push(message);
      return send(request, message);
    }),
  );
  const app = renderApp('/c/s1');
  return { ...app, api, sent };
}

export async function readSend(request: Request): Promise<SentMessage> {
  return {
    accept: request.headers.get('accept'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: await request.clone().json(),
    signal: request.signal,
  };
}

/**
 * A text/event-stream body the test writes into, one event at a time, so it can check what
 * the page shows between two events. Ids follow the reply's log (API.md): `message.created`
 * has none, `reply.started` is 0, every later event the next integer (after `after`, for a
 * stream resumed with Last-Event-ID).
 */
export class SseBody {
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #encoder = new TextEncoder();
  #id: number;
  readonly stream = new ReadableStream<Uint8Array>({
    start: (controller) => {
      this.#controller = controller;
    },
  });

  constructor({ after = 0 }: { after?: number } = {}) {
    this.#id = after;
  }

  response(): HttpResponse<ReadableStream<Uint8Array>> {
    return new HttpResponse(this.stream, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    });
  }

  /** One event, typed as the OpenAPI document declares it. */
  send<E extends ChatStreamEvent['event']>(
    event: E,
    data: Extract<ChatStreamEvent, { event: E }>['data'],
  ): void {
    let id: number | null = null;
    if (event === 'reply.started') id = this.#id = 0;
    else if (event !== 'message.created') id = this.#id += 1;
    const idLine = id === null ? '' : `id: ${id}\n`;
    this.#controller.enqueue(
      this.#encoder.encode(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    );
  }

  comment(text: string): void {
    this.#controller.enqueue(this.#encoder.encode(`: ${text}\n\n`));
  }

  close(): void {
    this.#controller.close();
  }

  /** The connection breaks (a network drop, a proxy timing out). */
  drop(): void {
    this.#controller.error(new TypeError('network error'));
  }
}

/**
 * For files whose tests render conversations: the Markdown renderer (a lazy chunk, slow to
 * compile the first time) loaded once up front, and each test starting without drafts, on a
 * page with a size.
 */
export function prepareConversationTests(): void {
  beforeAll(async () => {
    await import('@/features/chat/components/markdown-renderer');
  }, 30_000);
  beforeEach(() => {
    localStorage.clear();
    stubLayout();
  });
}

/**
 * jsdom lays nothing out (every size is 0), and a virtualised list with a 0-pixel viewport
 * shows no rows. Give scroll containers a size so the list renders what a screen would.
 */
export function stubLayout({ width = 1024, height = 768 } = {}): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width);
  // Sonner captures the pointer on a toast (to swipe it away); jsdom has no pointer capture.
  for (const method of ['setPointerCapture', 'releasePointerCapture'] as const) {
    if (!(method in Element.prototype)) {
      Object.defineProperty(Element.prototype, method, { configurable: true, value: () => {} });
    }
  }
}
