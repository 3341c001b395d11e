import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/form-error';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { showFormError } from '@/lib/form-errors';
import type { Cohort } from '../../shared/types';
import { useUpdateCohort } from '../api/update-cohort';
import { COHORT_FIELDS, cohortSchema, type CohortValues } from '../lib/cohort-form';
import { CohortFields } from './cohort-fields';

function EditCohortForm({ cohort, onDone }: { cohort: Cohort; onDone: () => void }) {
  const update = useUpdateCohort();
  const form = useForm<CohortValues>({
    resolver: zodResolver(cohortSchema),
    defaultValues: { name: cohort.name, description: cohort.description },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (update.isPending) return;
    try {
      await update.mutateAsync({ id: cohort.id, ...values });
      onDone();
    } catch (error) {
      showFormError(error as Error, COHORT_FIELDS, form.setError);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-4">
      <FormError message={errors.root?.server?.message} />
      <CohortFields form={form} descriptionLabel="Description" descriptionRows={3} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" aria-disabled={update.isPending || undefined}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Rename or describe a cohort, in a dialog (Escape cancels). */
export function EditCohortDialog({ cohort }: { cohort: Cohort }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Pencil aria-hidden="true" />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit cohort</DialogTitle>
          <DialogDescription>Rename “{cohort.name}” or change its description.</DialogDescription>
        </DialogHeader>
        {/* Mounted per opening, so it starts from the cohort as it is now. */}
        {open && <EditCohortForm cohort={cohort} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}
