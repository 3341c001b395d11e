/*
 * The replies being streamed, per session. It lives above the routes (in the chat page), so
 * switching to another chat while a reply streams neither stops it nor loses it: coming back
 * shows it where it got to.
 *
 * Each session has at most one exchange in flight (the server allows one reply at a time per
 * session). Its messages are shown on top of the session's cached messages until the session
 * is refetched with them (see display-messages.ts). Every delta replaces the session's state
 * object, so only that session's subscribers re-render.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ApiError } from '@/lib/api/api-error';
import { randomId } from '@/lib/random-id';
import { sessionQueryOptions } from '../api/get-session';
import { sessionListsKey } from '../api/list-sessions';
import { sendMessage, type SendResult } from '../api/send-message';
import type { ChatMessage, MessageStatus } from '../api/types';
import { readDraft, writeDraft } from './drafts';

export type ExchangePhase = 'sending' | 'streaming' | 'reconnecting' | 'done';

export interface Exchange {
  /** The Idempotency-Key of the send; also keys the local rows. */
  readonly key: string;
  readonly content: string;
  readonly phase: ExchangePhase;
  /** Optimistic until `message.created` brings the stored one (`userStored`). */
  readonly user: ChatMessage;
  readonly userStored: boolean;
  /** The reply so far; its id is the server's once the first delta names it. */
  readonly assistant: ChatMessage;
  readonly assistantStored: boolean;
  /** Why the reply did not complete, in words, when this client knows. */
  readonly failure: string | null;
}

export interface SessionStreamState {
  readonly exchange: Exchange | null;
  /** A 422 for the last send, shown next to the input. */
  readonly inlineError: ApiError | null;
  /** Failure reasons learnt while streaming, by message id, for after the refetch. */
  readonly reasons: ReadonlyMap<string, string>;
  /**
   * Text of a send that was refused before anything was stored: it is back in the draft,
   * and an open input picks it up (`key` tells one refusal from the next).
   */
  readonly restored: { readonly key: string; readonly text: string } | null;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Refused with an HTTP error (the toast or the inline message says why). */
  | { kind: 'rejected'; error: ApiError };

export interface ChatStreamHooks {
  /** After every send that reached the model (any outcome): refresh the quota. */
  onSendSettled?(): void;
  /** A 429: the limits' own numbers, straight from the problem body. */
  onLimitError?(error: ApiError): void;
}

const EMPTY: SessionStreamState = {
  exchange: null,
  inlineError: null,
  reasons: new Map(),
  restored: null,
};

export const STOPPED_REASON = 'You stopped this reply.';
export const CONNECTION_LOST_REASON = 'The connection was lost before the reply finished.';

const LIMIT_CODES = new Set(['rate_limited', 'quota_exceeded']);
export const isLimitError = (error: ApiError) => error.status === 429 && LIMIT_CODES.has(error.code);
/** Errors shown next to the input rather than as a toast. */
export const isInlineError = (error: ApiError) => error.status === 422 || isLimitError(error);

export class ChatStreams {
  #sessions = new Map<string, SessionStreamState>();
  #controllers = new Map<string, AbortController>();
  #listeners = new Set<() => void>();
  #hooks: ChatStreamHooks = {};
  readonly #queryClient: QueryClient;

  constructor(queryClient: QueryClient) {
    this.#queryClient = queryClient;
  }

  /** What to tell the page about sends (the chat page keeps these in step with its props). */
  setHooks(hooks: ChatStreamHooks): void {
    this.#hooks = hooks;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  get = (sessionId: string): SessionStreamState => this.#sessions.get(sessionId) ?? EMPTY;

  /** A reply is on its way in this session (the input offers Stop instead of Send). */
  isBusy(sessionId: string): boolean {
    const phase = this.get(sessionId).exchange?.phase;
    return phase !== undefined && phase !== 'done';
  }

  /** Some send is retrying after its stream failed (the connection status says so). */
  isReconnecting = (): boolean => {
    for (const state of this.#sessions.values()) {
      if (state.exchange?.phase === 'reconnecting') return true;
    }
    return false;
  };

  clearInlineError(sessionId: string): void {
    if (this.get(sessionId).inlineError) this.#update(sessionId, { inlineError: null });
  }

  stop(sessionId: string): void {
    this.#controllers.get(sessionId)?.abort();
  }

  async send(sessionId: string, content: string): Promise<SendOutcome> {
    if (this.isBusy(sessionId)) throw new Error('A reply is already streaming in this session.');
    const key = randomId();
    const controller = new AbortController();
    this.#controllers.set(sessionId, controller);
    const now = new Date().toISOString();
    const local = (role: ChatMessage['role'], text: string, status: MessageStatus): ChatMessage => ({
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
    this.#update(sessionId, {
      inlineError: null,
      exchange: {
        key,
        content,
        phase: 'sending',
        user: local('user', content, 'complete'),
        userStored: false,
        assistant: local('assistant', '', 'streaming'),
        assistantStored: false,
        failure: null,
      },
    });

    const edit = (change: (exchange: Exchange) => Partial<Exchange>) => {
      const exchange = this.get(sessionId).exchange;
      if (exchange?.key === key) this.#update(sessionId, { exchange: { ...exchange, ...change(exchange) } });
    };

    let result: SendResult;
    try {
      result = await sendMessage(
        { sessionId, content, idempotencyKey: key, signal: controller.signal },
        {
          onCreated: (user) =>
            edit((x) => ({
              user,
              userStored: true,
              phase: 'streaming',
              assistant: { ...x.assistant, createdAt: user.createdAt },
            })),
          onDelta: ({ messageId, content: piece }) =>
            edit((x) => ({
              phase: 'streaming',
              assistantStored: true,
              assistant: { ...x.assistant, id: messageId, content: x.assistant.content + piece },
            })),
          onReconnecting: () => edit(() => ({ phase: 'reconnecting' })),
        },
      );
    } finally {
      if (this.#controllers.get(sessionId) === controller) this.#controllers.delete(sessionId);
    }
    return this.#settle(sessionId, key, result);
  }

  #settle(sessionId: string, key: string, result: SendResult): SendOutcome {
    const exchange = this.get(sessionId).exchange;
    const finish = (change: Partial<Exchange>) => {
      if (exchange?.key !== key) return;
      const done: Exchange = { ...exchange, ...change, phase: 'done' };
      const reasons = new Map(this.get(sessionId).reasons);
      if (done.failure && done.assistantStored) reasons.set(done.assistant.id, done.failure);
      this.#update(sessionId, { exchange: done, reasons });
    };
    const endedReply = (status: MessageStatus, failure: string): Partial<Exchange> =>
      exchange ? { assistant: { ...exchange.assistant, status }, failure } : {};

    let outcome: SendOutcome = { kind: 'sent' };
    switch (result.kind) {
      case 'completed':
        finish({
          ...(result.userMessage ? { user: result.userMessage, userStored: true } : {}),
          assistant: result.assistantMessage,
          assistantStored: true,
        });
        break;
      case 'failed': {
        const partial = (exchange?.assistant.content ?? '') !== '';
        finish(endedReply(partial ? 'interrupted' : 'error', result.error.detail ?? result.error.title));
        break;
      }
      case 'cancelled':
        if (result.created) finish(endedReply('cancelled', STOPPED_REASON));
        else this.#drop(sessionId, key);
        break;
      case 'interrupted':
        finish(endedReply('interrupted', CONNECTION_LOST_REASON));
        break;
      case 'rejected':
        this.#drop(sessionId, key);
        if (result.error.status === 422) this.#update(sessionId, { inlineError: result.error });
        if (!result.stored && exchange) {
          // Nothing was saved: give the text back rather than make the user type it again.
          if (readDraft(sessionId).trim() === '') writeDraft(sessionId, exchange.content);
          this.#update(sessionId, { restored: { key, text: exchange.content } });
        }
        outcome = { kind: 'rejected', error: result.error };
        break;
    }

    // What the server now holds: the messages, the list's order and title, the limits.
    void this.#queryClient.invalidateQueries({ queryKey: sessionQueryOptions(sessionId).queryKey });
    void this.#queryClient.invalidateQueries({ queryKey: sessionListsKey });
    if (result.kind === 'rejected' && isLimitError(result.error)) {
      this.#hooks.onLimitError?.(result.error);
    } else {
      this.#hooks.onSendSettled?.();
    }
    return outcome;
  }

  #drop(sessionId: string, key: string): void {
    if (this.get(sessionId).exchange?.key === key) this.#update(sessionId, { exchange: null });
  }

  #update(sessionId: string, change: Partial<SessionStreamState>): void {
    this.#sessions.set(sessionId, { ...this.get(sessionId), ...change });
    for (const listener of this.#listeners) listener();
  }
}
