import { X } from 'lucide-react';
import { useId, useRef } from 'react';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadMoreButton } from '@/components/load-more-button';
import { Timestamp } from '@/components/timestamp';
import { Button } from '@/components/ui/button';
import { LoadError } from '../../shared/components/load-error';
import { plural } from '../../shared/lib/format';
import type { Cohort } from '../../shared/types';
import { useCohortMembers } from '../api/get-cohort-members';
import { useRemoveCohortMember } from '../api/remove-cohort-member';

/** A cohort's members, most recently added first, a page at a time. */
export function CohortMembers({ cohort }: { cohort: Cohort }) {
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const members = useCohortMembers(cohort.id);
  const remove = useRemoveCohortMember();
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3">
      <h3 id={`${id}-title`} ref={titleRef} tabIndex={-1} className="font-medium">
        Members ({plural(cohort.memberCount, 'member')})
      </h3>
      {!members.data ? (
        members.isError ? (
          <LoadError what="The members" onRetry={() => void members.refetch()} />
        ) : (
          <ListSkeleton label="Loading members…" />
        )
      ) : items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No members yet.</p>
      ) : (
        <ul aria-label={`Members of ${cohort.name}`} className="divide-y rounded-lg border">
          {items.map((member) => {
            const removing = remove.isPending && remove.variables.userId === member.userId;
            return (
              <li
                key={member.userId}
                className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2"
              >
                <span className="grid min-w-0">
                  <span className="truncate text-sm font-medium">{member.email}</span>
                  <span className="truncate text-xs text-muted-foreground">
                    {member.displayName} · added <Timestamp iso={member.addedAt} />
                  </span>
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${member.email} from ${cohort.name}`}
                  aria-disabled={removing || undefined}
                  onClick={() => {
                    if (removing) return;
                    remove.mutate(
                      { id: cohort.id, userId: member.userId },
                      // The row and its focused button go: keep keyboard focus in the list.
                      { onSuccess: () => titleRef.current?.focus() },
                    );
                  }}
                >
                  <X aria-hidden="true" />
                  {removing ? 'Removing…' : 'Remove'}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {members.hasNextPage && (
        <LoadMoreButton
          loading={members.isFetchingNextPage}
          onLoad={() => void members.fetchNextPage()}
          label="Load more members"
        />
      )}
    </section>
  );
}
