/*
 * The events of a reply, as both of its readers get them (API.md "Replies that outlive the
 * connection"): the sender's own answer to POST .../messages, which first carries
 * `message.created` (the stored user message, without an id), and GET .../{messageId}/stream.
 * Then the reply's log, with ids per reply: `reply.started` (0, the assistant message as
 * inserted), one `message.delta` per piece (1, 2, ...), and exactly one final event,
 * `message.completed` (the stored message) or `error` (problem details).
 */
import type { EventSourceMessage } from 'eventsource-parser';
import { ApiError, parseProblem } from '@/lib/api/api-error';
import { isRecord } from '@/lib/utils';
import type { ChatMessage, ChatStreamEvent, MessageCompleted, MessageDelta } from '../api/types';

export type ReplyEvent =
  | { readonly type: 'message.created'; readonly message: ChatMessage }
  | { readonly type: 'reply.started'; readonly id: number | null; readonly message: ChatMessage }
  | { readonly type: 'message.delta'; readonly id: number | null; readonly delta: MessageDelta }
  | { readonly type: 'message.completed'; readonly id: number | null; readonly message: ChatMessage }
  | { readonly type: 'error'; readonly id: number | null; readonly error: ApiError };

export type FinalReplyEvent = Extract<ReplyEvent, { type: 'message.completed' | 'error' }>;

export const isFinal = (event: ReplyEvent): event is FinalReplyEvent =>
  event.type === 'message.completed' || event.type === 'error';

function eventId(id: string | undefined): number | null {
  if (id === undefined || id.trim() === '') return null;
  const n = Number(id);
  return Number.isInteger(n) ? n : null;
}

const withoutUsage = ({ usage: _usage, ...message }: MessageCompleted): ChatMessage => message;

function problemFrom(data: unknown): ApiError {
  const status = isRecord(data) && typeof data.status === 'number' ? data.status : 502;
  return new ApiError(parseProblem(data, status));
}

/** One SSE message as a reply event; null for events this client does not know (newer servers). */
export function toReplyEvent(message: EventSourceMessage): ReplyEvent | null {
  const id = eventId(message.id);
  // The server's contract (ChatStreamEvent in the OpenAPI document) types the payload.
  const { event, data } = {
    event: message.event,
    data: JSON.parse(message.data) as unknown,
  } as ChatStreamEvent;
  switch (event) {
    case 'message.created':
      return { type: event, message: data };
    case 'reply.started':
      return { type: event, id, message: data };
    case 'message.delta':
      return { type: event, id, delta: data };
    case 'message.completed':
      return { type: event, id, message: withoutUsage(data) };
    case 'error':
      return { type: event, id, error: problemFrom(data) };
    default:
      return null;
  }
}
