import { ArrowLeft, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { SectionCard } from '@/components/section-card';
import { Timestamp } from '@/components/timestamp';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Separator } from '@/components/ui/separator';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api/api-error';
import { useFeature } from '../../shared/api/get-feature';
import { LoadError } from '../../shared/components/load-error';
import { plural } from '../../shared/lib/format';
import { CHAT_FEATURE, type Cohort } from '../../shared/types';
import { useDeleteCohort } from '../api/delete-cohort';
import { useCohort } from '../api/get-cohort';
import { AddMembersForm } from './add-members-form';
import { CohortMembers } from './cohort-members';
import { EditCohortDialog } from './edit-cohort-dialog';

const LIST = '?tab=cohorts';

function BackLink() {
  return (
    <Link
      to={LIST}
      className="inline-flex items-center gap-1 justify-self-start rounded-sm text-sm font-medium text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      All cohorts
    </Link>
  );
}

function DeleteCohort({ cohort, onDeleted }: { cohort: Cohort; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteCohort();
  const feature = useFeature(CHAT_FEATURE);
  const inAudience = feature.data?.audience.cohortIds.includes(cohort.id) ?? false;
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete the cohort “${cohort.name}”?`}
        confirmLabel="Delete cohort"
        pendingLabel="Deleting…"
        variant="destructive"
        pending={remove.isPending}
        onConfirm={() => remove.mutate(cohort.id, { onSuccess: onDeleted })}
      >
        <p>
          The cohort and its list of {plural(cohort.memberCount, 'member')} are deleted; the accounts
          themselves stay. This cannot be undone.
        </p>
        {inAudience && (
          <p className="font-medium text-foreground">
            It is in the chat audience: it is removed from it, and members who have chat only through this
            cohort lose it.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** One cohort: what it is, edit and delete, its members, adding members by email. */
export function CohortDetail({ id, onDeleted }: { id: string; onDeleted: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cohort = useCohort(id);
  const feature = useFeature(CHAT_FEATURE);
  const loaded = Boolean(cohort.data);

  // Arriving from the list: move focus to the heading, so the keyboard starts here.
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded, id]);

  if (!cohort.data) {
    if (cohort.isError) {
      return (
        <div className="grid gap-4">
          <BackLink />
          {cohort.error instanceof ApiError && cohort.error.status === 404 ? (
            <p className="text-muted-foreground">This cohort does not exist (any more).</p>
          ) : (
            <LoadError what="The cohort" onRetry={() => void cohort.refetch()} />
          )}
        </div>
      );
    }
    return (
      <div className="grid gap-4" aria-busy="true">
        <BackLink />
        <span role="status" className="sr-only">
          Loading the cohort…
        </span>
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }

  const c = cohort.data;
  return (
    <div className="grid gap-4">
      <BackLink />
      <SectionCard
        title={c.name}
        titleClassName="break-all"
        headingRef={headingRef}
        badge={
          feature.data?.audience.cohortIds.includes(c.id) && (
            <Badge variant="secondary">In the chat audience</Badge>
          )
        }
        description={c.description || 'No description.'}
        meta={
          <>
            {plural(c.memberCount, 'member')} · created <Timestamp iso={c.createdAt} />
          </>
        }
        aside={
          <div className="flex gap-2">
            <EditCohortDialog cohort={c} />
            <DeleteCohort cohort={c} onDeleted={onDeleted} />
          </div>
        }
        contentClassName="grid gap-6"
      >
        <AddMembersForm cohort={c} />
        <Separator />
        <CohortMembers cohort={c} />
      </SectionCard>
    </div>
  );
}
