import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Schemas } from '@/lib/api/types';
import { adminKeys } from '../../shared/api/keys';

export type CreateCohortRequest = Schemas['CreateCohortRequest'];

/** POST /admin/cohorts: a new, empty cohort (names are unique, case-insensitively). */
export function createCohort(body: CreateCohortRequest) {
  return unwrap(api.POST('/admin/cohorts', { body }));
}

export function useCreateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCohort,
    // The form shows every failure: a taken or empty name on its field, the rest above it.
    meta: { errorToast: false },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohortList() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
