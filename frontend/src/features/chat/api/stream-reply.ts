/*
 * GET /chat/sessions/{id}/messages/{messageId}/stream: a reply's events after `Last-Event-ID`,
 * then the live ones until it ends, from any server instance. A reply that has already ended
 * answers its final event at once. Read through fetch (EventSource cannot send a bearer token)
 * and the same reader as the send's own stream (lib/follow-reply.ts).
 */
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';

export interface ReplyStreamInput {
  sessionId: string;
  messageId: string;
  /** The id of the last event already shown; null to read the reply's log from the start. */
  lastEventId: number | null;
  signal: AbortSignal;
}

export function openReplyStream({ sessionId, messageId, lastEventId, signal }: ReplyStreamInput) {
  const path = `/chat/sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/stream`;
  const headers = new Headers({ accept: 'text/event-stream' });
  if (lastEventId !== null) headers.set('last-event-id', String(lastEventId));
  return authFetch(absoluteUrl(API_BASE_PATH + path), { headers, signal });
}
