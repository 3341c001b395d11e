import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';

/** GET /admin/cohorts/{id}: one cohort. */
export function getCohort(id: string, signal?: AbortSignal) {
  return unwrap(api.GET('/admin/cohorts/{id}', { params: { path: { id } }, signal }));
}

export const cohortQueryOptions = (id: string) =>
  queryOptions({
    queryKey: adminKeys.cohort(id),
    queryFn: ({ signal }) => getCohort(id, signal),
  });

export function useCohort(id: string) {
  return useQuery(cohortQueryOptions(id));
}
