import type { UserEvent } from '../../application/ports/user-events.port.js';
import { toChatMessageDto, type ChatMessageDto } from './chat-message.dto.js';
import { toChatSessionDto, type ChatSessionDto } from './chat.dto.js';
import type { FeaturesDto } from './user.dto.js';

/** `session.created`, `session.updated` (title, activity, message count), `session.restored`. */
export interface SessionEventData {
  session: ChatSessionDto;
}

/** `session.deleted`. */
export interface SessionDeletedEventData {
  sessionId: string;
}

/** `session.message_added`: a stored message, and the reply that started with it, if one did. */
export interface MessageAddedEventData {
  sessionId: string;
  message: ChatMessageDto;
  /** The assistant reply's message id (follow it at GET .../messages/{replyId}/stream); null when none started. */
  replyId: string | null;
}

/** How a reply ended. */
export type ReplyEndStatusDto = 'complete' | 'cancelled' | 'interrupted' | 'error';

/** `reply.ended`: the reply's message id and its final status (GET /chat/sessions/{id} has the text). */
export interface ReplyEndedEventData {
  sessionId: string;
  messageId: string;
  status: ReplyEndStatusDto;
}

/** `quota.changed`: no data; GET /chat/quota has the numbers. */
export type QuotaChangedEventData = Record<string, never>;

/**
 * The live feed's events (GET /events). Each is one Server-Sent Event, `event: <event>` and
 * `data: <data as JSON>`, without an `id:` line (there is no replay).
 */
export type LiveEvent =
  | { event: 'session.created'; data: SessionEventData }
  | { event: 'session.updated'; data: SessionEventData }
  | { event: 'session.deleted'; data: SessionDeletedEventData }
  | { event: 'session.restored'; data: SessionEventData }
  | { event: 'session.message_added'; data: MessageAddedEventData }
  | { event: 'reply.ended'; data: ReplyEndedEventData }
  | { event: 'features.changed'; data: FeaturesDto }
  | { event: 'quota.changed'; data: QuotaChangedEventData };

export function toLiveEvent(event: UserEvent): LiveEvent {
  switch (event.type) {
    case 'session.created':
    case 'session.updated':
    case 'session.restored':
      return { event: event.type, data: { session: toChatSessionDto(event.session) } };
    case 'session.deleted':
      return { event: event.type, data: { sessionId: event.sessionId } };
    case 'session.message_added':
      return {
        event: event.type,
        data: {
          sessionId: event.sessionId,
          message: toChatMessageDto(event.message),
          replyId: event.replyId,
        },
      };
    case 'reply.ended':
      return {
        event: event.type,
        data: { sessionId: event.sessionId, messageId: event.messageId, status: event.status },
      };
    case 'features.changed':
      return { event: event.type, data: { chat: event.chat, featureReason: event.featureReason } };
    case 'quota.changed':
      return { event: event.type, data: {} };
  }
}
