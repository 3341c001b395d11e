import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Schemas } from '@/lib/api/types';
import { adminKeys } from '../../shared/api/keys';

export type AddMembersRequest = Schemas['AddMembersRequest'];

/**
 * POST /admin/cohorts/{id}/members: adds users by id and/or email. One unknown email fails
 * the whole call (422), with one `errors[]` entry per unknown email.
 */
export function addCohortMembers(id: string, body: AddMembersRequest) {
  return unwrap(api.POST('/admin/cohorts/{id}/members', { params: { path: { id } }, body }));
}

export function useAddCohortMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AddMembersRequest & { id: string }) => addCohortMembers(id, body),
    // The form lists unknown emails (the 422) and any other failure itself.
    meta: { errorToast: false },
    onSuccess: (_data, { id }) => {
      // The members, the member count (detail and list), who has the feature, the log.
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohort(id) });
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohortList() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.evaluations() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
