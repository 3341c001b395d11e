import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';

/** DELETE /admin/cohorts/{id}/members/{userId}. */
export function removeCohortMember(id: string, userId: string) {
  return unwrap(api.DELETE('/admin/cohorts/{id}/members/{userId}', { params: { path: { id, userId } } }));
}

export function useRemoveCohortMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, userId }: { id: string; userId: string }) => removeCohortMember(id, userId),
    onSuccess: (_data, { id }) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohort(id) });
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohortList() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.evaluations() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
