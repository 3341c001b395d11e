import type { ChatSessionRepository } from '../../domain/chat/chat.repositories.js';
import type { ChatSession } from '../../domain/chat/chat-session.entity.js';
import { NotFound } from '../../domain/shared/domain-error.js';

/**
 * The caller's own live session, or NotFound: someone else's, a deleted and a missing session
 * get the same answer, so an id never reveals whether it exists.
 */
export async function ownedSession(
  sessions: ChatSessionRepository,
  userId: string,
  id: string,
): Promise<ChatSession> {
  const session = await sessions.findOwned(userId, id);
  if (!session) throw new NotFound('chat session');
  return session;
}
