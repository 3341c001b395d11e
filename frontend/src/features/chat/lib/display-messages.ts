/*
 * What the message list shows: the session's stored messages (from the query cache) with the
 * exchange this tab follows on top (a send from here, or a reply it attached to). While a
 * reply streams, the local copy wins (a refetch in between may hold half-saved rows, even
 * before the stream has named them); once it is done, the stored copy wins, except that a row
 * the server still reports as `streaming` loses to a local copy that has ended (the refetch
 * may have read it a moment before the end).
 *
 * Rows keep their object identity between renders unless their content changed, so the
 * memoised rows re-render only for the message that is streaming.
 */
import type { ChatMessage, MessageStatus } from '../api/types';
import type { Exchange, SessionReplies } from './exchange';

export interface DisplayMessage {
  /** Stable row key (React and the virtualiser). */
  readonly key: string;
  readonly message: ChatMessage;
  /** The reply is streaming into this row now. */
  readonly live: boolean;
  /** Sent, nothing stored or answered yet. */
  readonly sending: boolean;
  /** Why a reply did not complete, when known. */
  readonly reason: string | null;
  /** For a reply that did not complete: the user text to send again. */
  readonly retryText: string | null;
}

export const FAILED_STATUSES: ReadonlySet<MessageStatus> = new Set(['cancelled', 'interrupted', 'error']);

const cache = new WeakMap<ChatMessage, DisplayMessage>();

function stored(message: ChatMessage, reason: string | null, retryText: string | null): DisplayMessage {
  const cached = cache.get(message);
  if (cached && cached.reason === reason && cached.retryText === retryText) return cached;
  const row: DisplayMessage = {
    key: message.id,
    message,
    live: false,
    sending: false,
    reason,
    retryText,
  };
  cache.set(message, row);
  return row;
}

export function toDisplayMessages(
  server: readonly ChatMessage[],
  { exchange, reasons }: SessionReplies,
): DisplayMessage[] {
  const serverById = new Map(server.map((m) => [m.id, m]));
  const hidden = new Set<string>();
  const tail: DisplayMessage[] = [];

  if (exchange) {
    const active = exchange.phase !== 'done';
    const { user } = exchange;
    const userId = user && exchange.userStored ? user.id : null;
    const assistantId = exchange.assistantStored ? exchange.assistant.id : null;

    if (active) {
      // A refetch during the send (opening a new chat, say) can catch the exchange half-saved
      // before the stream has named its rows. The server streams one reply per session at a
      // time, so a `streaming` row is this one; and a last user message with the same text,
      // stored before `message.created` arrived, is this send's.
      for (const message of server) {
        if (message.role === 'assistant' && message.status === 'streaming') hidden.add(message.id);
      }
      if (user && !exchange.userStored) {
        const last = server.findLast((message) => !hidden.has(message.id));
        if (last?.role === 'user' && last.content === exchange.content) hidden.add(last.id);
      }
    }

    const serverUser = userId ? serverById.get(userId) : undefined;
    if (user && (active || !serverUser)) {
      if (userId) hidden.add(userId);
      tail.push(localRow(`local-user-${exchange.key}`, user, { sending: exchange.phase === 'sending' }));
    }

    const serverReply = assistantId ? serverById.get(assistantId) : undefined;
    const serverLags = serverReply?.status === 'streaming' && exchange.assistant.status !== 'streaming';
    if (active || !serverReply || serverLags) {
      if (assistantId) hidden.add(assistantId);
      // An attached reply keeps its stored row's key: it turns into that row without a remount.
      const key = exchange.user ? `local-assistant-${exchange.key}` : exchange.assistant.id;
      tail.push(
        localRow(key, exchange.assistant, {
          live: active,
          reason: exchange.failure,
          retryText: FAILED_STATUSES.has(exchange.assistant.status) ? retryTextFor(exchange, server) : null,
        }),
      );
    }
  }

  const rows: DisplayMessage[] = [];
  let lastUserText: string | null = null;
  for (const message of server) {
    if (message.role === 'user') lastUserText = message.content;
    if (hidden.has(message.id)) continue;
    const failed = message.role === 'assistant' && FAILED_STATUSES.has(message.status);
    rows.push(stored(message, reasons.get(message.id) ?? null, failed ? lastUserText : null));
  }
  return tail.length ? [...rows, ...tail] : rows;
}

/** The question to send again: this tab's text, or for an attached reply the stored one before it. */
function retryTextFor(exchange: Exchange, server: readonly ChatMessage[]): string | null {
  if (exchange.content !== null) return exchange.content;
  const at = server.findIndex((message) => message.id === exchange.assistant.id);
  const before = at === -1 ? server : server.slice(0, at);
  return before.findLast((message) => message.role === 'user')?.content ?? null;
}

const localCache = new WeakMap<ChatMessage, DisplayMessage>();

function localRow(
  key: string,
  message: ChatMessage,
  {
    live = false,
    sending = false,
    reason = null,
    retryText = null,
  }: Partial<Omit<DisplayMessage, 'key' | 'message'>>,
): DisplayMessage {
  const cached = localCache.get(message);
  if (
    cached &&
    cached.key === key &&
    cached.live === live &&
    cached.sending === sending &&
    cached.reason === reason &&
    cached.retryText === retryText
  ) {
    return cached;
  }
  const row: DisplayMessage = { key, message, live, sending, reason, retryText };
  localCache.set(message, row);
  return row;
}
