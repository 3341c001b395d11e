import { Search } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadMoreButton } from '@/components/load-more-button';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useUsers } from '../api/get-users';
import { ROLE_LABELS } from '../lib/roles';
import type { AdminUser } from '../types';
import { LoadError } from './load-error';

function resultsText(query: string, found: number, more: boolean): string {
  if (!query) return found === 0 ? 'There are no users yet.' : 'The newest users:';
  if (found === 0) return `No user matches “${query}”.`;
  if (more) return `More than ${found} users match “${query}”.`;
  return `${found} ${found === 1 ? 'user matches' : 'users match'} “${query}”.`;
}

interface UserSearchProps {
  label: string;
  hint?: string;
  /** The control(s) for one result: an "Add" button, a role picker… */
  renderAction: (user: AdminUser) => ReactNode;
  /** Search at once with this text ("" lists the newest users) instead of waiting for a search. */
  initialQuery?: string;
  /** Marks a result ("you"). */
  badge?: (user: AdminUser) => string | undefined;
}

/**
 * Finds users by email or name (GET /admin/users?q=). Searches on submit (Enter or the
 * button), not on every key, so each request is one the admin asked for; results can be
 * paged with "Load more".
 */
export function UserSearch({ label, hint, renderAction, initialQuery, badge }: UserSearchProps) {
  const id = useId();
  const [text, setText] = useState(initialQuery ?? '');
  const [query, setQuery] = useState<string | null>(initialQuery ?? null);
  const users = useUsers(query ?? '', { enabled: query !== null });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="grid gap-3">
      <form
        role="search"
        aria-label={label}
        className="grid gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(text.trim());
        }}
      >
        <Label htmlFor={`${id}-q`}>{label}</Label>
        <div className="flex gap-2">
          <Input
            id={`${id}-q`}
            type="search"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={hint ? `${id}-hint` : undefined}
            placeholder="Email or name"
          />
          <Button type="submit" variant="secondary">
            <Search aria-hidden="true" />
            Find
          </Button>
        </div>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        )}
      </form>

      {query !== null &&
        (!users.data ? (
          users.isError ? (
            <LoadError what="The users" onRetry={() => void users.refetch()} />
          ) : (
            <ListSkeleton label="Finding users…" rows={2} />
          )
        ) : (
          <div className="grid gap-2">
            <p role="status" className="text-sm text-muted-foreground">
              {resultsText(query, items.length, users.hasNextPage)}
            </p>
            {items.length > 0 && (
              <ul aria-label={`Results: ${label}`} className="divide-y rounded-lg border">
                {items.map((user) => {
                  const mark = badge?.(user);
                  return (
                    <li
                      key={user.id}
                      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-3 py-2"
                    >
                      <span className="grid min-w-0">
                        <span className="flex flex-wrap items-center gap-2">
                          <span className="truncate text-sm font-medium">{user.email}</span>
                          {mark && <Badge variant="outline">{mark}</Badge>}
                        </span>
                        <span className="truncate text-xs text-muted-foreground">
                          {user.displayName} · {ROLE_LABELS[user.role]}
                        </span>
                      </span>
                      <span className="flex items-center gap-2">{renderAction(user)}</span>
                    </li>
                  );
                })}
              </ul>
            )}
            {users.hasNextPage && (
              <LoadMoreButton
                loading={users.isFetchingNextPage}
                onLoad={() => void users.fetchNextPage()}
                label="Load more users"
              />
            )}
          </div>
        ))}
    </div>
  );
}
