/*
 * Every tab and device of a signed-in user follows GET /events (API.md "Live updates") and
 * keeps its query cache current without polling: chats created, renamed, deleted or restored
 * elsewhere, messages added and replies ended (the open page attaches to a reply another tab
 * started), chat switched on or off for the user (GET /me again: the waiting page opens the
 * chat by itself), the quota. The feed has no replay, so each (re)connect refetches what was
 * read before it was listening.
 */
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { meQueryOptions } from '@/features/auth/api/get-me';
import { applyChatEvent, liveChatKeys } from '@/features/chat/lib/live-chat-events';
import { quotaQueryOptions } from '@/features/limits/api/get-quota';
import { followEventFeed, type LiveEvent } from '@/lib/live/event-feed';

const FEED_KEYS: readonly QueryKey[] = [
  meQueryOptions().queryKey,
  quotaQueryOptions().queryKey,
  ...liveChatKeys,
];

function refetchOlderThan(queryClient: QueryClient, since: number) {
  for (const queryKey of FEED_KEYS) {
    void queryClient.invalidateQueries(
      {
        queryKey,
        predicate: (query) => query.state.status === 'success' && query.state.dataUpdatedAt < since,
      },
      // A read under way when the feed connected is as fresh as this would be.
      { cancelRefetch: false },
    );
  }
}

function apply(queryClient: QueryClient, event: LiveEvent) {
  switch (event.event) {
    case 'features.changed':
      void queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey });
      break;
    case 'quota.changed':
      void queryClient.invalidateQueries({ queryKey: quotaQueryOptions().queryKey });
      break;
    default:
      applyChatEvent(queryClient, event);
  }
}

/** The one subscription to the live feed, for as long as someone is signed in. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    void followEventFeed(
      {
        onOpen: (since) => refetchOlderThan(queryClient, since),
        onEvent: (event) => apply(queryClient, event),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [queryClient]);
}

/** Layout route inside RequireAuth: the signed-in pages, with the live feed. */
export function LiveUpdates() {
  useLiveUpdates();
  return <Outlet />;
}
