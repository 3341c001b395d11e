import {
  infiniteQueryOptions,
  useInfiniteQuery,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { listOlderMessages } from './list-messages';
import type { ChatMessage, ChatSession, ChatSessionDetail } from './types';

/** GET /chat/sessions/{id}: the session with its latest messages (≤ 50, oldest first). */
export function getSession(sessionId: string, signal?: AbortSignal): Promise<ChatSessionDetail> {
  return unwrap(api.GET('/chat/sessions/{id}', { params: { path: { id: sessionId } }, signal }));
}

export interface MessagePage {
  /** Oldest first. */
  items: ChatMessage[];
  /** Where the next (older) page starts; null once the oldest message is loaded. */
  nextCursor: string | null;
  /** Only on the first page: the session itself. */
  session?: ChatSession;
}

/*
 * One infinite query per open session: its first page is GET /chat/sessions/{id} (the session
 * and its newest messages), each next page the older messages before it. Invalidating it
 * after a send refetches the newest page first and re-derives the older pages' cursors from
 * it, so loaded history stays contiguous.
 */
/** Every cached session (for refetches after the live feed reconnects). */
export const sessionsKey = ['chat', 'session'] as const;

export const sessionQueryOptions = (sessionId: string) =>
  infiniteQueryOptions({
    queryKey: [...sessionsKey, sessionId],
    queryFn: async ({ pageParam, signal }): Promise<MessagePage> => {
      if (pageParam === null) {
        const { messages, messagesCursor, ...session } = await getSession(sessionId, signal);
        return { items: messages, nextCursor: messagesCursor, session };
      }
      return listOlderMessages(sessionId, pageParam, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The chat window shows "not found" and load errors itself.
    meta: { errorToast: false },
  });

/** No polling: a reply being written is followed by its stream, other changes by GET /events. */
export function useSessionMessages(sessionId: string) {
  return useInfiniteQuery(sessionQueryOptions(sessionId));
}

/** A session's new title (and counts) in its cached conversation, without a refetch. */
export function putSession(queryClient: QueryClient, session: ChatSession): void {
  queryClient.setQueryData<InfiniteData<MessagePage>>(
    sessionQueryOptions(session.id).queryKey,
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page, i) => (i === 0 ? { ...page, session } : page)),
      },
  );
}

/** Every loaded message, oldest first (pages run from newest to oldest). */
export function messagesOf(pages: readonly MessagePage[] | undefined): ChatMessage[] {
  if (!pages) return [];
  const all: ChatMessage[] = [];
  for (let i = pages.length - 1; i >= 0; i--) all.push(...pages[i]!.items);
  return all;
}
