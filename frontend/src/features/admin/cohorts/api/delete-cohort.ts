import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';

/** DELETE /admin/cohorts/{id}: also takes the cohort out of every audience that named it. */
export function deleteCohort(id: string) {
  return unwrap(api.DELETE('/admin/cohorts/{id}', { params: { path: { id } } }));
}

export function useDeleteCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteCohort(id),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: adminKeys.cohort(id) });
      void queryClient.invalidateQueries({ queryKey: adminKeys.cohortList() });
      // The server removed it from the flags' audiences (each an audited rules change).
      void queryClient.invalidateQueries({ queryKey: adminKeys.features() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.evaluations() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
