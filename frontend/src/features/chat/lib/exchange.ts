/*
 * What one session shows of the reply this tab follows, as plain data, and how each reply
 * event changes it. No I/O here: the hook that runs the requests (use-replies.ts) feeds the
 * events in, and the message list draws the result (display-messages.ts).
 *
 * An exchange is either a send from this tab (an optimistic user row, then the reply) or a
 * reply this tab attached to (a page opened while it streams, a send from another tab). The
 * text is built from the reply's log: a delta whose id was already shown is skipped, so a
 * reconnect that repeats an event cannot repeat text, and the final event's message replaces
 * the text instead of being appended.
 */
import type { ApiError } from '@/lib/api/api-error';
import type { ChatMessage } from '../api/types';
import type { ReplyEvent } from './reply-events';

export type ExchangePhase = 'sending' | 'streaming' | 'reconnecting' | 'done';

export interface Exchange {
  /** A send's Idempotency-Key, or `reply-<id>` for an attached reply; keys the local rows. */
  readonly key: string;
  /** The text this tab sent; null for an attached reply (its question is a stored row). */
  readonly content: string | null;
  readonly phase: ExchangePhase;
  /** This tab's message: optimistic until `message.created` brings the stored one. */
  readonly user: ChatMessage | null;
  readonly userStored: boolean;
  /** The reply so far; its id is the server's once `reply.started` (or a delta) names it. */
  readonly assistant: ChatMessage;
  readonly assistantStored: boolean;
  /** The id of the last reply event shown: a reconnect resumes after it (Last-Event-ID). */
  readonly lastEventId: number | null;
  /** Stop was pressed in this tab: a `cancelled` ending then says so. */
  readonly stopRequested: boolean;
  /** Why the reply did not complete, in words, when this tab knows. */
  readonly failure: string | null;
}

export interface SessionReplies {
  readonly exchange: Exchange | null;
  /** A 422 for the last send, shown next to the input. */
  readonly inlineError: ApiError | null;
  /** Failure reasons learnt while following, by message id, for after the refetch. */
  readonly reasons: ReadonlyMap<string, string>;
}

export const NO_REPLIES: SessionReplies = { exchange: null, inlineError: null, reasons: new Map() };

export const STOPPED_REASON = 'You stopped this reply.';

/** A send from this tab, before the server has answered. */
export function newSend(sessionId: string, key: string, content: string, now: string): Exchange {
  const local = (role: ChatMessage['role'], text: string, status: ChatMessage['status']): ChatMessage => ({
    id: `local-${role}-${key}`,
    sessionId,
    role,
    content: text,
    status,
    tokenCount: 0,
    model: null,
    errorCode: null,
    createdAt: now,
  });
  return {
    key,
    content,
    phase: 'sending',
    user: local('user', content, 'complete'),
    userStored: false,
    assistant: local('assistant', '', 'streaming'),
    assistantStored: false,
    lastEventId: null,
    stopRequested: false,
    failure: null,
  };
}

/**
 * A reply that is already running, as GET /chat/sessions/{id} returns it: its saved text,
 * continued after `lastEventId` (the last event that text includes).
 */
export function attachedTo({ lastEventId, ...message }: ChatMessage): Exchange {
  return {
    key: `reply-${message.id}`,
    content: null,
    phase: 'streaming',
    user: null,
    userStored: false,
    assistant: message,
    assistantStored: true,
    lastEventId: lastEventId ?? null,
    stopRequested: false,
    failure: null,
  };
}

/** The reply is on its way (the input offers Stop, or waits, instead of Send). */
export const isActive = (
  exchange: Exchange | null,
): exchange is Exchange & { phase: Exclude<ExchangePhase, 'done'> } =>
  exchange !== null && exchange.phase !== 'done';

/**
 * An event of the reply's log that moves the reply on, applied once: a reconnect that repeats
 * an event already shown changes nothing.
 */
function advance(exchange: Exchange, id: number | null, assistant: ChatMessage): Exchange {
  if (id !== null && exchange.lastEventId !== null && id <= exchange.lastEventId) return exchange;
  return {
    ...exchange,
    phase: 'streaming',
    assistant,
    assistantStored: true,
    lastEventId: id ?? exchange.lastEventId,
  };
}

export function withEvent(exchange: Exchange, event: ReplyEvent): Exchange {
  switch (event.type) {
    case 'message.created':
      return {
        ...exchange,
        user: event.message,
        userStored: true,
        phase: 'streaming',
        assistant: { ...exchange.assistant, createdAt: event.message.createdAt },
      };
    case 'reply.started':
      return advance(exchange, event.id, event.message);
    case 'message.delta': {
      const { messageId, content } = event.delta;
      const text = exchange.assistant.content + content;
      return advance(exchange, event.id, { ...exchange.assistant, id: messageId, content: text });
    }
    case 'message.completed':
      return {
        ...exchange,
        phase: 'done',
        assistant: event.message,
        assistantStored: true,
        lastEventId: event.id ?? exchange.lastEventId,
        failure: event.message.status === 'cancelled' && exchange.stopRequested ? STOPPED_REASON : null,
      };
    case 'error':
      return {
        ...exchange,
        phase: 'done',
        assistant: {
          ...exchange.assistant,
          status: exchange.assistant.content === '' ? 'error' : 'interrupted',
        },
        lastEventId: event.id ?? exchange.lastEventId,
        failure: event.error.detail ?? event.error.title,
      };
  }
}

/**
 * Changes the session's exchange if it is still the one `key` names (a later send replaces
 * it); an ending with a reason keeps the reason for the stored row that follows.
 */
export function editExchange(
  state: SessionReplies,
  key: string,
  change: (exchange: Exchange) => Exchange,
): SessionReplies {
  const { exchange } = state;
  if (exchange?.key !== key) return state;
  const next = change(exchange);
  if (next === exchange) return state;
  let { reasons } = state;
  if (next.phase === 'done' && next.failure && next.assistantStored) {
    reasons = new Map(reasons).set(next.assistant.id, next.failure);
  }
  return { ...state, exchange: next, reasons };
}
