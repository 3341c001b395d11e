import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ListSkeleton } from '@/components/list-skeleton';
import { SectionCard } from '@/components/section-card';
import { Badge } from '@/components/ui/badge';
import { useCohorts } from '../../shared/api/get-cohorts';
import { useFeature } from '../../shared/api/get-feature';
import { LoadError } from '../../shared/components/load-error';
import { plural } from '../../shared/lib/format';
import { CHAT_FEATURE } from '../../shared/types';

/** Every cohort: name, description, member count, and whether chat's audience includes it. */
export function CohortList({ focusHeading = false }: { focusHeading?: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);
  const cohorts = useCohorts();
  const feature = useFeature(CHAT_FEATURE);
  const inAudience = new Set(feature.data?.audience.cohortIds ?? []);

  return (
    <SectionCard
      title="Cohorts"
      description="Open a cohort to see, add and remove its members."
      headingRef={headingRef}
    >
      {!cohorts.data ? (
        cohorts.isError ? (
          <LoadError what="The cohorts" onRetry={() => void cohorts.refetch()} />
        ) : (
          <ListSkeleton label="Loading cohorts…" />
        )
      ) : cohorts.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">No cohorts yet.</p>
      ) : (
        <ul aria-label="Cohorts" className="divide-y rounded-lg border">
          {cohorts.data.map((cohort) => (
            <li key={cohort.id} className="grid gap-1 px-3 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  to={`?tab=cohorts&cohort=${encodeURIComponent(cohort.id)}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {cohort.name}
                </Link>
                {inAudience.has(cohort.id) && <Badge variant="secondary">In the chat audience</Badge>}
              </div>
              {cohort.description && <p className="text-sm text-muted-foreground">{cohort.description}</p>}
              <p className="text-xs text-muted-foreground">{plural(cohort.memberCount, 'member')}</p>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
