import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';
import type { Role } from '../../shared/types';

/** PATCH /admin/users/{id}: change someone's role (the API refuses your own with a 403). */
export function changeUserRole(id: string, role: Role) {
  return unwrap(api.PATCH('/admin/users/{id}', { params: { path: { id } }, body: { role } }));
}

export function useChangeUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => changeUserRole(id, role),
    onSuccess: () => {
      // Search results and the directory show roles; a role can put someone in the audience.
      void queryClient.invalidateQueries({ queryKey: adminKeys.users() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.evaluations() });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit() });
    },
  });
}
