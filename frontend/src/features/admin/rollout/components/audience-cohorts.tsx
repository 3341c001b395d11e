import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useCohorts } from '../../shared/api/get-cohorts';
import { plural } from '../../shared/lib/format';
import { withAudience, type RuleControlProps } from '../lib/save-rules';
import { AudienceList } from './audience-list';

/** Cohorts in the audience: their members have chat. Added from the existing cohorts. */
export function AudienceCohorts({ feature, save, pending }: RuleControlProps) {
  const id = useId();
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

  const items = inAudience.map((cohortId) => {
    const cohort = byId.get(cohortId);
    return {
      id: cohortId,
      name: cohort?.name ?? (cohorts.isPending ? 'Loading…' : 'Unknown cohort'),
      detail: cohort && plural(cohort.memberCount, 'member'),
    };
  });

  return (
    <AudienceList
      title="Cohorts"
      hint="Members of these cohorts have chat."
      empty="No cohorts in the audience."
      label="Cohorts in the audience"
      items={items}
      removeLabel={(name) => `Remove cohort ${name} from the audience`}
      pending={pending}
      onRemove={({ id: cohortId, name }) =>
        save(
          (rules) =>
            withAudience(rules, { cohortIds: rules.audience.cohortIds.filter((c) => c !== cohortId) }),
          `Cohort ${name} removed from the audience.`,
        )
      }
    >
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
    </AudienceList>
  );
}
