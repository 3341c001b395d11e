import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';

/** GET /admin/features/{key}/evaluate?userId=: whether one user has the feature, and why. */
export function evaluateFeature(key: string, userId: string, signal?: AbortSignal) {
  return unwrap(
    api.GET('/admin/features/{key}/evaluate', {
      params: { path: { key }, query: { userId } },
      signal,
    }),
  );
}

export const evaluationQueryOptions = (key: string, userId: string) =>
  queryOptions({
    queryKey: adminKeys.evaluation(key, userId),
    queryFn: ({ signal }) => evaluateFeature(key, userId, signal),
    // An answer about access should be the current one, not one from a minute ago.
    staleTime: 0,
  });

export function useEvaluation(key: string, userId: string | undefined) {
  return useQuery({
    ...evaluationQueryOptions(key, userId ?? ''),
    enabled: Boolean(userId),
  });
}
