import { useId, useState } from 'react';
import { ListSkeleton } from '@/components/list-skeleton';
import { LoadMoreButton } from '@/components/load-more-button';
import { SectionCard } from '@/components/section-card';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useAuditLog } from '../../shared/api/get-audit-log';
import { useCohorts } from '../../shared/api/get-cohorts';
import { LoadError } from '../../shared/components/load-error';
import { useCohortNames, useUserEmails } from '../../shared/hooks/use-names';
import { AuditEntryItem } from './audit-entry';

/** Every admin change, newest first, "Load more" for older ones, filtered by subject. */
export function AuditLogTab() {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [subject, setSubject] = useState('');
  const log = useAuditLog(subject);
  const cohorts = useCohorts();
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const cohortName = useCohortNames();
  // Entries name users by id (listed users, members, roles): look them up once there are some.
  const userEmail = useUserEmails(entries.length > 0);
  const names = { cohortName, userEmail };

  const apply = (value: string) => {
    setDraft(value);
    setSubject(value.trim());
  };

  return (
    <SectionCard
      title="Audit log"
      description="Every admin change: flag rules, cohorts, members and roles. Newest first."
      contentClassName="grid gap-4"
    >
      <form
        role="search"
        aria-label="Filter the audit log"
        className="grid gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <Label htmlFor={`${id}-subject`}>Subject</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id={`${id}-subject`}
            list={`${id}-subjects`}
            className="min-w-0 flex-1 font-mono"
            placeholder="feature:chat"
            value={draft}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
            onChange={(event) => setDraft(event.target.value)}
          />
          <datalist id={`${id}-subjects`}>
            <option value="feature:chat">The chat flag</option>
            {cohorts.data?.map((c) => (
              <option key={c.id} value={`cohort:${c.id}`}>
                Cohort {c.name}
              </option>
            ))}
          </datalist>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {subject && (
            <Button type="button" variant="ghost" onClick={() => apply('')}>
              Show all
            </Button>
          )}
        </div>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          For example <code className="font-mono">feature:chat</code>,{' '}
          <code className="font-mono">cohort:&lt;id&gt;</code> or{' '}
          <code className="font-mono">user:&lt;id&gt;</code>. Empty shows everything.
        </p>
      </form>

      {!log.data ? (
        log.isError ? (
          <LoadError what="The audit log" onRetry={() => void log.refetch()} />
        ) : (
          <ListSkeleton label="Loading the audit log…" rows={4} />
        )
      ) : (
        <>
          <p role="status" className="text-sm text-muted-foreground">
            {entries.length === 0
              ? subject
                ? `No changes about ${subject}.`
                : 'No changes yet.'
              : `${entries.length}${log.hasNextPage ? '+' : ''} ${entries.length === 1 ? 'change' : 'changes'}${subject ? ` about ${subject}` : ''}.`}
          </p>
          {entries.length > 0 && (
            <ol aria-label="Audit entries" className="grid divide-y rounded-lg border">
              {entries.map((entry) => (
                <li key={entry.id} className="p-3">
                  <AuditEntryItem entry={entry} names={names} />
                </li>
              ))}
            </ol>
          )}
          {log.hasNextPage && (
            <LoadMoreButton
              loading={log.isFetchingNextPage}
              onLoad={() => void log.fetchNextPage()}
              label="Load more"
            />
          )}
        </>
      )}
    </SectionCard>
  );
}
