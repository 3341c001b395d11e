import { api } from '@/lib/api/client';

export interface ReplyStreamInput {
  sessionId: string;
  messageId: string;
  /** The id of the last event already shown; null to read the reply's log from the start. */
  lastEventId: number | null;
  signal: AbortSignal;
}

/**
 * GET /chat/sessions/{id}/messages/{messageId}/stream: a reply's events after `Last-Event-ID`,
 * then the live ones until it ends, from any server instance. A reply that has ended answers
 * its final event at once. The body is read by the same reader as the send's own stream
 * (lib/follow-reply.ts); a refusal throws an ApiError, as every call of the client does.
 */
export async function openReplyStream({
  sessionId,
  messageId,
  lastEventId,
  signal,
}: ReplyStreamInput): Promise<Response> {
  const { response } = await api.GET('/chat/sessions/{id}/messages/{messageId}/stream', {
    params: {
      path: { id: sessionId, messageId },
      header: lastEventId === null ? undefined : { 'last-event-id': String(lastEventId) },
    },
    headers: { accept: 'text/event-stream' },
    parseAs: 'stream',
    signal,
  });
  return response;
}
