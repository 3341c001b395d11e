import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from './keys';

/** GET /admin/cohorts: every cohort, by name, with its member count. */
export function getCohorts(signal?: AbortSignal) {
  return unwrap(api.GET('/admin/cohorts', { signal }));
}

export const cohortsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.cohortList(),
    queryFn: ({ signal }) => getCohorts(signal),
  });

export function useCohorts() {
  return useQuery(cohortsQueryOptions());
}
