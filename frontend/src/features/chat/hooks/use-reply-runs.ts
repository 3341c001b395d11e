/*
 * The one hook that runs replies, mounted once by the chat page (above the routes, so changing
 * chats neither stops a reply nor loses it). It owns every side effect of a reply: the
 * requests (send, follow, stop), writing the per-session store the page reads, the refetches
 * once a reply ends, the limits' callbacks, the draft a refused send gives back, and the
 * notice of a reply that finished in a hidden tab. The protocol itself is in the fetchers and
 * lib/follow-reply.ts, the state changes in lib/exchange.ts.
 *
 * A reply belongs to its session, not to this page: Stop asks the server, and leaving the page
 * only stops listening.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiError } from '@/lib/api/api-error';
import { randomId } from '@/lib/random-id';
import { sessionQueryOptions } from '../api/get-session';
import { sessionListsKey } from '../api/list-sessions';
import { sendMessage } from '../api/send-message';
import { stopReply } from '../api/stop-reply';
import type { ChatMessage } from '../api/types';
import { openReplyStream } from '../api/stream-reply';
import { restoreDraft } from '../lib/drafts';
import { attachedTo, editExchange, isActive, newSend, withEvent, type Exchange } from '../lib/exchange';
import { followReply, type FollowOutcome } from '../lib/follow-reply';
import type { ReplyEvent } from '../lib/reply-events';
import { announceReplyReady } from '../lib/reply-ready';
import { ReplyStore } from '../lib/reply-store';
import type { ChatLimits } from './use-chat-limits';

export type SendOutcome =
  | { kind: 'sent' }
  /** Refused with an HTTP error (the toast or the inline message says why). */
  | { kind: 'rejected'; error: ApiError };

export interface Replies {
  readonly store: ReplyStore;
  /** Sends a message and follows its reply (nothing else may be on its way in the session). */
  send(sessionId: string, content: string): Promise<SendOutcome>;
  /** Asks the server to stop the session's reply; its stream then brings the ending. */
  stop(sessionId: string): Promise<void>;
  /** Follows a reply that is running already (a page opened mid-reply, a send from elsewhere). */
  attach(sessionId: string, message: ChatMessage): void;
  clearInlineError(sessionId: string): void;
}

const LIMIT_CODES = new Set(['rate_limited', 'quota_exceeded']);
export const isLimitError = (error: ApiError) => error.status === 429 && LIMIT_CODES.has(error.code);
/** Errors shown next to the input rather than as a toast. */
export const isInlineError = (error: ApiError) => error.status === 422 || isLimitError(error);

interface ReplyRuns extends Replies {
  /** The page's current limits: their callbacks are called when a reply ends. */
  setLimits(limits: ChatLimits): void;
  abortAll(): void;
}

function createReplies(queryClient: QueryClient): ReplyRuns {
  const store = new ReplyStore();
  let currentLimits: ChatLimits = { blocked: false };
  const limits = () => currentLimits;
  const running = new Map<string, AbortController>();
  // Replies the server said there is nothing to follow of (404, 403): not attached again.
  const abandoned = new Set<string>();

  const begin = (sessionId: string): AbortSignal => {
    const controller = new AbortController();
    running.set(sessionId, controller);
    return controller.signal;
  };

  const edit = (sessionId: string, key: string, signal: AbortSignal, change: (x: Exchange) => Exchange) => {
    if (!signal.aborted) store.update(sessionId, (state) => editExchange(state, key, change));
  };

  const current = (sessionId: string, key: string): Exchange | null => {
    const { exchange } = store.get(sessionId);
    return exchange?.key === key ? exchange : null;
  };

  /** What the server now holds: the messages, the list's order and titles. */
  const refresh = (sessionId: string) => {
    void queryClient.invalidateQueries({ queryKey: sessionQueryOptions(sessionId).queryKey });
    void queryClient.invalidateQueries({ queryKey: sessionListsKey });
  };

  /** The reply ended, one way or another. */
  const settle = (sessionId: string, key: string, signal: AbortSignal) => {
    if (running.get(sessionId)?.signal === signal) running.delete(sessionId);
    refresh(sessionId);
    limits().onSendSettled?.();
    const exchange = current(sessionId, key);
    if (exchange?.phase === 'done' && exchange.assistant.status !== 'streaming') {
      announceReplyReady({ messageId: exchange.assistant.id, preview: exchange.assistant.content });
    }
  };

  /** Follows the exchange's reply from the last event it has. */
  async function follow(sessionId: string, key: string, signal: AbortSignal, dropped: boolean) {
    const exchange = current(sessionId, key);
    if (!exchange) return;
    const messageId = exchange.assistant.id;
    const outcome: FollowOutcome = await followReply({
      open: (s) =>
        openReplyStream({
          sessionId,
          messageId,
          lastEventId: current(sessionId, key)?.lastEventId ?? null,
          signal: s,
        }),
      onEvent: (event) => edit(sessionId, key, signal, (x) => withEvent(x, event)),
      onReconnecting: () => edit(sessionId, key, signal, (x) => ({ ...x, phase: 'reconnecting' })),
      signal,
      dropped,
    });
    if (outcome.kind === 'gone') {
      // Deleted, or no longer ours to read: the stored message (refetched) says how it ended.
      abandoned.add(messageId);
      edit(sessionId, key, signal, (x) => ({ ...x, phase: 'done' }));
    }
  }

  /**
   * The sender's stream broke after the user message was stored. Knowing the reply's id, it
   * resumes after the last event; in the moment before the reply's first event, the session
   * (refetched) names the reply, and the open page attaches to it.
   */
  async function resume(sessionId: string, key: string, signal: AbortSignal) {
    if (current(sessionId, key)?.assistantStored) return follow(sessionId, key, signal, true);
    edit(sessionId, key, signal, (x) => ({ ...x, phase: 'reconnecting' }));
    await queryClient.refetchQueries({ queryKey: sessionQueryOptions(sessionId).queryKey }).catch(() => {});
    if (!signal.aborted)
      store.update(sessionId, (s) => (s.exchange?.key === key ? { ...s, exchange: null } : s));
  }

  async function send(sessionId: string, content: string): Promise<SendOutcome> {
    if (isActive(store.get(sessionId).exchange))
      throw new Error('A reply is already on its way in this chat.');
    const key = randomId();
    const signal = begin(sessionId);
    const exchange = newSend(sessionId, key, content, new Date().toISOString());
    store.update(sessionId, (s) => ({ ...s, inlineError: null, exchange }));
    const apply = (event: ReplyEvent) => edit(sessionId, key, signal, (x) => withEvent(x, event));

    const result = await sendMessage(
      { sessionId, content, idempotencyKey: key, signal },
      {
        onEvent: apply,
        onReconnecting: () => edit(sessionId, key, signal, (x) => ({ ...x, phase: 'reconnecting' })),
      },
    );
    if (signal.aborted) return { kind: 'sent' };
    switch (result.kind) {
      case 'rejected': {
        if (running.get(sessionId)?.signal === signal) running.delete(sessionId);
        const { error } = result;
        store.update(sessionId, (s) => ({
          ...s,
          exchange: s.exchange?.key === key ? null : s.exchange,
          inlineError: error.status === 422 ? error : s.inlineError,
        }));
        // Nothing was stored: give the text back rather than make the user type it again.
        if (!result.stored) restoreDraft(sessionId, content);
        refresh(sessionId);
        if (isLimitError(error)) limits().onLimitError?.(error);
        else limits().onSendSettled?.();
        return { kind: 'rejected', error };
      }
      case 'completed':
        apply({ type: 'message.created', message: result.userMessage });
        apply({ type: 'message.completed', id: null, message: result.assistantMessage });
        break;
      case 'dropped':
        await resume(sessionId, key, signal);
        break;
      case 'ended':
      case 'cancelled':
        break;
    }
    if (!signal.aborted) settle(sessionId, key, signal);
    return { kind: 'sent' };
  }

  function attach(sessionId: string, message: ChatMessage) {
    const { exchange } = store.get(sessionId);
    if (isActive(exchange) || exchange?.assistant.id === message.id || abandoned.has(message.id)) return;
    const attached = attachedTo(message);
    const signal = begin(sessionId);
    store.update(sessionId, (s) => ({ ...s, exchange: attached }));
    void follow(sessionId, attached.key, signal, false).then(() => {
      if (!signal.aborted) settle(sessionId, attached.key, signal);
    });
  }

  async function stop(sessionId: string) {
    const { exchange } = store.get(sessionId);
    if (!isActive(exchange) || !exchange.assistantStored) return;
    const { key } = exchange;
    const mark = (stopRequested: boolean) =>
      store.update(sessionId, (s) => editExchange(s, key, (x) => ({ ...x, stopRequested })));
    mark(true);
    try {
      const answer = await stopReply({ sessionId, messageId: exchange.assistant.id });
      // It had ended already: what the server stored is the answer.
      if (answer === 'not_running') refresh(sessionId);
    } catch (error) {
      mark(false);
      throw error;
    }
  }

  return {
    store,
    send,
    stop,
    attach,
    clearInlineError: (sessionId) =>
      store.update(sessionId, (s) => (s.inlineError ? { ...s, inlineError: null } : s)),
    setLimits(next) {
      currentLimits = next;
    },
    abortAll() {
      // Leaving the chat stops listening, not the replies. Their local state goes, so that a
      // chat page mounted again (or React's StrictMode remount) attaches afresh.
      for (const [sessionId, controller] of running) {
        controller.abort();
        store.update(sessionId, (s) => ({ ...s, exchange: null }));
      }
      running.clear();
    },
  };
}

/** The chat page's replies; `limits` tells it what to do about the quota when one ends. */
export function useReplyRuns(limits: ChatLimits): Replies {
  const queryClient = useQueryClient();
  const [replies] = useState(() => createReplies(queryClient));
  useEffect(() => replies.setLimits(limits), [replies, limits]);
  useEffect(() => () => replies.abortAll(), [replies]);
  return replies;
}
