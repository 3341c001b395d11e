/*
 * What the live feed (GET /events) says about chats, applied to the query cache: the list
 * refetches (its order follows activity), an open conversation refetches when a message was
 * added or a reply ended (a reply another tab started is then attached to by the open page),
 * and a new title shows at once. Only what is on screen refetches; the rest is marked stale.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '@/lib/live/event-feed';
import { isRecord } from '@/lib/utils';
import { putSession, sessionQueryOptions, sessionsKey } from '../api/get-session';
import { sessionListsKey } from '../api/list-sessions';
import type { ChatSession } from '../api/types';

/** The chat queries to refetch when the feed (re)connects: it has no replay. */
export const liveChatKeys = [sessionListsKey, sessionsKey] as const;

// until the OpenAPI document has it: `session.*` events carry `{session}` or `{sessionId}`,
// `session.message_added` and `reply.ended` carry `sessionId`.
function sessionOf(data: unknown): ChatSession | null {
  return isRecord(data) && isRecord(data.session) && typeof data.session.id === 'string'
    ? (data.session as unknown as ChatSession)
    : null;
}

function sessionIdOf(data: unknown): string | null {
  if (isRecord(data) && typeof data.sessionId === 'string') return data.sessionId;
  return sessionOf(data)?.id ?? null;
}

/** Applies one chat event; false when the event is not about chats. */
export function applyChatEvent(queryClient: QueryClient, { type, data }: LiveEvent): boolean {
  const refetchSession = () => {
    const sessionId = sessionIdOf(data);
    void queryClient.invalidateQueries({
      queryKey: sessionId ? sessionQueryOptions(sessionId).queryKey : sessionsKey,
    });
  };
  switch (type) {
    case 'session.created':
    case 'session.restored':
      break;
    case 'session.updated': {
      const session = sessionOf(data);
      if (session) putSession(queryClient, session);
      break;
    }
    case 'session.deleted':
    case 'session.message_added':
    case 'reply.ended':
      refetchSession();
      break;
    default:
      return false;
  }
  void queryClient.invalidateQueries({ queryKey: sessionListsKey });
  return true;
}
