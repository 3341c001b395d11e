import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Schemas } from '@/lib/api/types';
import { adminKeys } from '../../shared/api/keys';
import { cohortQueryOptions } from './get-cohort';

export type UpdateCohortRequest = Schemas['UpdateCohortRequest'];

/** PATCH /admin/cohorts/{id}: rename or describe a cohort. */
export function updateCohort(id: string, body: UpdateCohortRequest) {
  return unwrap(api.PATCH('/admin/cohorts/{id}', { params: { path: { id } }, body }));
}

export function useUpdateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateCohortRequest & { id: string }) => updateCohort(id, body),
    // The form shows every failure: a taken or empty name on its field, the rest above it.
    meta: { errorToast: false },
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortQueryOptions(cohort.id).queryKey, cohort);
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohortList() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
