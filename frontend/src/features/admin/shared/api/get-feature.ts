import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from './keys';

/** GET /admin/features/{key}: a flag's rules, the read-only deployment switch, who changed it last. */
export function getFeature(key: string, signal?: AbortSignal) {
  return unwrap(api.GET('/admin/features/{key}', { params: { path: { key } }, signal }));
}

export const featureQueryOptions = (key: string) =>
  queryOptions({
    queryKey: adminKeys.feature(key),
    queryFn: ({ signal }) => getFeature(key, signal),
  });

export function useFeature(key: string) {
  return useQuery(featureQueryOptions(key));
}
