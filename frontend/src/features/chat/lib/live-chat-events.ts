/*
 * What the live feed (GET /events) says about chats, applied to the query cache: the list
 * refetches (its order follows activity), an open conversation refetches when a message was
 * added or a reply ended (a reply another tab started is then attached to by the open page),
 * and a new title shows at once. Only what is on screen refetches; the rest is marked stale.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '@/lib/live/event-feed';
import { putSession, sessionQueryOptions, sessionsKey } from '../api/get-session';
import { sessionListsKey } from '../api/list-sessions';

/** The chat queries to refetch when the feed (re)connects: it has no replay. */
export const liveChatKeys = [sessionListsKey, sessionsKey] as const;

/** Applies one chat event; false when the event is not about chats. */
export function applyChatEvent(queryClient: QueryClient, { event, data }: LiveEvent): boolean {
  const refetchSession = (sessionId: string) =>
    void queryClient.invalidateQueries({ queryKey: sessionQueryOptions(sessionId).queryKey });
  switch (event) {
    case 'session.created':
    case 'session.restored':
      break;
    case 'session.updated':
      putSession(queryClient, data.session);
      break;
    case 'session.deleted':
    case 'session.message_added':
    case 'reply.ended':
      refetchSession(data.sessionId);
      break;
    default:
      return false;
  }
  void queryClient.invalidateQueries({ queryKey: sessionListsKey });
  return true;
}
