import { Plus, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { useCreateSession } from '../api/create-session';
import { sessionsOf, useSessionList } from '../api/list-sessions';
import type { ChatSession } from '../api/types';
import { useChatPaused } from '../hooks/use-chat-paused';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { OWN_ESCAPE, SessionListItem } from './session-list-item';

const SEARCH_DEBOUNCE_MS = 300;

interface ChatSidebarProps {
  onDelete(session: ChatSession): void;
}

/** Loads the next page when the end of the list scrolls into view (the button also does). */
function useLoadMoreWhenVisible(load: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [load, enabled]);
  return ref;
}

/** The chat list: New chat, search, the sessions (most recent activity first). */
export function ChatSidebar({ onDelete }: ChatSidebarProps) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const list = useSessionList(q);
  const sessions = sessionsOf(list.data?.pages);
  const { sessionId: openId } = useParams();
  const navigate = useNavigate();
  const create = useCreateSession();
  const paused = useChatPaused();
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = list;
  const loadMoreRef = useLoadMoreWhenVisible(() => void fetchNextPage(), hasNextPage && !isFetchingNextPage);

  const newChat = () =>
    create.mutate(undefined, {
      onSuccess: (session) => void navigate(`/c/${session.id}`),
    });

  return (
    <nav aria-label="Chats" className="flex min-h-0 flex-1 flex-col">
      <div className="grid gap-2 p-3">
        <Button
          onClick={newChat}
          disabled={create.isPending || paused}
          title={paused ? 'Chat is paused by your administrator' : undefined}
          className="justify-start"
        >
          <Plus aria-hidden="true" />
          New chat
        </Button>
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            type="search"
            aria-label="Search chats"
            placeholder="Search chats"
            value={search}
            {...{ [OWN_ESCAPE]: search === '' ? undefined : '' }}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && search !== '') {
                event.preventDefault();
                setSearch('');
              }
            }}
            className="pl-8"
          />
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pt-1 pb-3" aria-busy={list.isPending}>
        {list.isPending ? (
          <div className="grid gap-2 px-1 pt-1">
            <span className="sr-only">Loading chats…</span>
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-8" />
            ))}
          </div>
        ) : list.isError && sessions.length === 0 ? (
          <div role="alert" className="grid justify-items-start gap-2 px-2 pt-2 text-sm">
            <p>The chat list could not be loaded.</p>
            <Button variant="outline" size="sm" onClick={() => void list.refetch()}>
              Try again
            </Button>
          </div>
        ) : sessions.length === 0 ? (
          <p className="px-2 pt-2 text-sm text-muted-foreground">
            {q ? `No chats match “${q}”.` : paused ? 'No chats.' : 'No chats yet. Start one with New chat.'}
          </p>
        ) : (
          <>
            {q && (
              <p className="sr-only" role="status">
                {`${sessions.length}${hasNextPage ? '+' : ''} chats match “${q}”`}
              </p>
            )}
            <ul className="flex flex-col gap-0.5">
              {sessions.map((session) => (
                <SessionListItem
                  key={session.id}
                  session={session}
                  active={session.id === openId}
                  onDelete={onDelete}
                />
              ))}
            </ul>
            {hasNextPage && (
              <div ref={loadMoreRef} className="flex justify-center pt-2">
                {isFetchingNextPage ? (
                  <Spinner label="Loading more chats…" />
                ) : (
                  <Button variant="ghost" size="sm" onClick={() => void fetchNextPage()}>
                    Show more
                  </Button>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </nav>
  );
}
