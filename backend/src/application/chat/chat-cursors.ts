import type { MessageCursor, SessionCursor } from '../../domain/chat/chat.repositories.js';
import type { ChatMessage } from '../../domain/chat/message.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import { ValidationFailed } from '../../domain/shared/domain-error.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';

/*
 * Keyset cursors of the chat lists: the sort key of the last row a page showed, opaque to the
 * client. A cursor is checked fully here (a real time, an id that can exist), so a forged one
 * answers 422 instead of reaching the database as a malformed value.
 */

// Session and message ids are UUIDs (see IdGenerator); anything else in a cursor was forged.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function position(cursor: string, timeField: 'lastActivityAt' | 'createdAt'): { at: Date; id: string } {
  const key = decodeCursor(cursor, [timeField, 'id']);
  const at = new Date(key[timeField]);
  // Years outside 1..9999 are valid in JavaScript but out of range (or absurd) for the database.
  const year = at.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999 || !UUID.test(key.id)) {
    throw new ValidationFailed([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
  }
  return { at, id: key.id };
}

/** After this session, in (lastActivityAt desc, id desc) order. */
export function sessionCursor(session: ChatSession): string {
  return encodeCursor({ lastActivityAt: session.lastActivityAt.toISOString(), id: session.id });
}

export function decodeSessionCursor(cursor: string): SessionCursor {
  const { at, id } = position(cursor, 'lastActivityAt');
  return { lastActivityAt: at, id };
}

/** Before this message (older ones), in (createdAt, id) order. */
export function messageCursor(message: ChatMessage): string {
  return encodeCursor({ createdAt: message.createdAt.toISOString(), id: message.id });
}

export function decodeMessageCursor(cursor: string): MessageCursor {
  const { at, id } = position(cursor, 'createdAt');
  return { createdAt: at, id };
}
