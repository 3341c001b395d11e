import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { ChatSession, ChatSessionPage } from './types';

const PAGE_SIZE = 30;

/** GET /chat/sessions: one page, most recent activity first; `q` searches titles and messages. */
export function listSessions(
  { q, cursor }: { q: string; cursor: string | null },
  signal?: AbortSignal,
): Promise<ChatSessionPage> {
  return unwrap(
    api.GET('/chat/sessions', {
      params: {
        query: { limit: PAGE_SIZE, cursor: cursor ?? undefined, q: q || undefined },
      },
      signal,
    }),
  );
}

/** Every cached list (any search), for invalidation and cache edits. */
export const sessionListsKey = ['chat', 'sessions'] as const;

/** Edits the sessions of every cached list page in place, without a refetch. */
export function editSessionLists(
  queryClient: QueryClient,
  edit: (items: ChatSession[]) => ChatSession[],
): void {
  queryClient.setQueriesData<InfiniteData<ChatSessionPage>>(
    { queryKey: sessionListsKey },
    (data) => data && { ...data, pages: data.pages.map((page) => ({ ...page, items: edit(page.items) })) },
  );
}

export const sessionListQueryOptions = (q = '') =>
  infiniteQueryOptions({
    queryKey: [...sessionListsKey, { q }],
    queryFn: ({ pageParam, signal }) => listSessions({ q, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The sidebar shows its own error with a retry button.
    meta: { errorToast: false },
  });

export function useSessionList(q: string) {
  return useInfiniteQuery({
    ...sessionListQueryOptions(q),
    // Typing a search keeps the last results on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** Every session of every cached list page, for lookups by id. */
export function sessionsOf(pages: readonly ChatSessionPage[] | undefined): ChatSession[] {
  return pages?.flatMap((page) => page.items) ?? [];
}
