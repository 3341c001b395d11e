import type { MessageCursor, SessionCursor } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import { decodePosition, encodeCursor } from '../shared/cursor.js';

/* Keyset cursors of the chat lists: the sort key of the last row a page showed, opaque to the client. */

/** After this session, in (lastActivityAt desc, id desc) order. */
export function sessionCursor(session: ChatSession): string {
  return encodeCursor({ lastActivityAt: session.lastActivityAt.toISOString(), id: session.id });
}

export function decodeSessionCursor(cursor: string): SessionCursor {
  const { at, id } = decodePosition(cursor, 'lastActivityAt');
  return { lastActivityAt: at, id };
}

/** Before this message (older ones), in (createdAt, id) order. */
export function messageCursor(message: ChatMessage): string {
  return encodeCursor({ createdAt: message.createdAt.toISOString(), id: message.id });
}

export function decodeMessageCursor(cursor: string): MessageCursor {
  const { at, id } = decodePosition(cursor, 'createdAt');
  return { createdAt: at, id };
}
