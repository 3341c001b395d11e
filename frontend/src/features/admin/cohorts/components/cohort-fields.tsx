import type { UseFormReturn } from 'react-hook-form';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import type { CohortValues } from '../lib/cohort-form';

/** A cohort's name and description, as both the create form and the edit dialog ask for them. */
export function CohortFields({
  form,
  descriptionLabel,
  descriptionRows,
}: {
  form: UseFormReturn<CohortValues>;
  descriptionLabel: string;
  descriptionRows: number;
}) {
  const { errors } = form.formState;
  return (
    <>
      <FormField label="Name" hint="Unique; letter case does not matter." error={errors.name?.message}>
        <Input autoComplete="off" {...form.register('name')} />
      </FormField>
      <FormField label={descriptionLabel} error={errors.description?.message}>
        <Textarea rows={descriptionRows} {...form.register('description')} />
      </FormField>
    </>
  );
}
