import { ArrowRight } from 'lucide-react';
import { Timestamp } from '@/components/timestamp';
import { Badge } from '@/components/ui/badge';
import type { AuditEntry } from '../../shared/types';
import { actionLabel, describeChanges, subjectLabel, type AuditNames } from '../lib/audit';

/** One audit entry: when, who, what, about what, and the fields it changed, before → after. */
export function AuditEntryItem({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const changes = describeChanges(entry, names);
  return (
    <article
      aria-label={`${actionLabel(entry.action)}, ${subjectLabel(entry, names)}`}
      className="grid gap-2"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="font-medium">
          {actionLabel(entry.action)} <span className="text-muted-foreground">·</span>{' '}
          <span>{subjectLabel(entry, names)}</span>
        </p>
        <Timestamp iso={entry.at} className="text-xs text-muted-foreground" />
      </div>
      <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span>by {entry.actor.email}</span>
        <Badge variant="outline" className="font-mono">
          {entry.action}
        </Badge>
        <span className="font-mono break-all">{entry.subject}</span>
      </p>
      {changes.length > 0 && (
        <dl className="grid gap-1 rounded-md bg-muted/50 p-3 text-sm">
          {changes.map((change) => (
            <div key={change.field} className="grid gap-x-3 sm:grid-cols-[9rem_1fr]">
              <dt className="text-muted-foreground">{change.label}</dt>
              <dd className="flex flex-wrap items-center gap-x-2 gap-y-1 break-all">
                {change.added && <span>added {change.added.join(', ')}</span>}
                {change.added && change.removed && <span aria-hidden="true">·</span>}
                {change.removed && <span>removed {change.removed.join(', ')}</span>}
                {!change.added && !change.removed && (
                  <>
                    {change.from !== undefined && <span>{change.from}</span>}
                    {change.from !== undefined && change.to !== undefined && (
                      <>
                        <ArrowRight aria-hidden="true" className="size-3.5 shrink-0" />
                        <span className="sr-only">to</span>
                      </>
                    )}
                    {change.to !== undefined && <span>{change.to}</span>}
                    {change.to === undefined && <span className="text-muted-foreground">(deleted)</span>}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
