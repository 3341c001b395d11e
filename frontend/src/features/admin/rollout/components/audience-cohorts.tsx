import { X } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useCohorts } from '../../shared/api/get-cohorts';
import { plural } from '../../shared/lib/format';
import { withAudience, type RuleControlProps } from '../lib/save-rules';

/** Cohorts in the audience: their members have chat. Added from the existing cohorts. */
export function AudienceCohorts({ feature, save, pending }: RuleControlProps) {
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const cohorts = useCohorts();
  const [choice, setChoice] = useState('');
  const inAudience = feature.audience.cohortIds;
  const byId = new Map((cohorts.data ?? []).map((c) => [c.id, c]));
  const addable = (cohorts.data ?? []).filter((c) => !inAudience.includes(c.id));
  const selected = addable.some((c) => c.id === choice) ? choice : (addable[0]?.id ?? '');

  const add = async () => {
    const cohort = byId.get(selected);
    if (!cohort || pending) return;
    await save(
      (rules) =>
        withAudience(rules, {
          cohortIds: [...rules.audience.cohortIds.filter((c) => c !== cohort.id), cohort.id],
        }),
      `Cohort ${cohort.name} added to the audience.`,
    );
  };

  const remove = (cohortId: string, name: string) => {
    if (pending) return;
    void save(
      (rules) => withAudience(rules, { cohortIds: rules.audience.cohortIds.filter((c) => c !== cohortId) }),
      `Cohort ${name} removed from the audience.`,
    ).then((saved) => {
      // The row (and the focused button) is gone: keep the keyboard user in this section.
      if (saved) titleRef.current?.focus();
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3">
      <div className="grid gap-1">
        <h4 id={`${id}-title`} ref={titleRef} tabIndex={-1} className="text-sm font-medium">
          Cohorts
        </h4>
        <p className="text-xs text-muted-foreground">Members of these cohorts have chat.</p>
      </div>
      {inAudience.length === 0 ? (
        <p className="text-sm text-muted-foreground">No cohorts in the audience.</p>
      ) : (
        <ul aria-label="Cohorts in the audience" className="divide-y rounded-lg border">
          {inAudience.map((cohortId) => {
            const cohort = byId.get(cohortId);
            const name = cohort?.name ?? (cohorts.isPending ? 'Loading…' : 'Unknown cohort');
            return (
              <li key={cohortId} className="flex items-center justify-between gap-3 px-3 py-2">
                <span className="grid min-w-0">
                  <span className="truncate text-sm font-medium">{name}</span>
                  {cohort && (
                    <span className="text-xs text-muted-foreground">
                      {plural(cohort.memberCount, 'member')}
                    </span>
                  )}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove cohort ${name} from the audience`}
                  aria-disabled={pending || undefined}
                  onClick={() => remove(cohortId, name)}
                >
                  <X aria-hidden="true" />
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {cohorts.isSuccess && cohorts.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          There are no cohorts yet.{' '}
          <Link to="?tab=cohorts" className="font-medium text-foreground underline underline-offset-4">
            Create one on the Cohorts tab
          </Link>
          .
        </p>
      ) : (
        addable.length > 0 && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void add();
            }}
          >
            <div className="grid gap-2">
              <Label htmlFor={`${id}-add`}>Cohort to add</Label>
              <NativeSelect
                id={`${id}-add`}
                value={selected}
                onChange={(event) => setChoice(event.target.value)}
                className="min-w-48"
              >
                {addable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({plural(c.memberCount, 'member')})
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="secondary" aria-disabled={pending || undefined}>
              Add cohort
            </Button>
          </form>
        )
      )}
    </section>
  );
}
