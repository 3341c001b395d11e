import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/form-error';
import { SectionCard } from '@/components/section-card';
import { Button } from '@/components/ui/button';
import { showFormError } from '@/lib/form-errors';
import type { Cohort } from '../../shared/types';
import { useCreateCohort } from '../api/create-cohort';
import { COHORT_FIELDS, cohortSchema, type CohortValues } from '../lib/cohort-form';
import { CohortFields } from './cohort-fields';

/** A new cohort; a taken name (the server's 422) shows on the name field. */
export function CreateCohortForm({ onCreated }: { onCreated: (cohort: Cohort) => void }) {
  const create = useCreateCohort();
  const form = useForm<CohortValues>({
    resolver: zodResolver(cohortSchema),
    defaultValues: { name: '', description: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (create.isPending) return;
    try {
      const cohort = await create.mutateAsync(values);
      form.reset();
      onCreated(cohort);
    } catch (error) {
      showFormError(error as Error, COHORT_FIELDS, form.setError);
    }
  });

  return (
    <SectionCard
      title="New cohort"
      description="A named group of users (“beta-testers”) that the chat audience can include."
    >
      <form noValidate onSubmit={onSubmit} className="grid gap-4">
        <FormError message={errors.root?.server?.message} />
        <CohortFields form={form} descriptionLabel="Description (optional)" descriptionRows={2} />
        <Button type="submit" className="justify-self-start" aria-disabled={create.isPending || undefined}>
          {create.isPending ? 'Creating…' : 'Create cohort'}
        </Button>
      </form>
    </SectionCard>
  );
}
