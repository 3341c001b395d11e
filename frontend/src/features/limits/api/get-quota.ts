import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiError } from '@/lib/api/api-error';
import { api, unwrap } from '@/lib/api/client';
import type { Schemas } from '@/lib/api/types';
import { withLimitError } from '../lib/quota';

export type Quota = Schemas['QuotaDto'];

/** GET /chat/quota: what is left of the per-minute limit and the daily quota (reading is free). */
export function getQuota(signal?: AbortSignal): Promise<Quota> {
  return unwrap(api.GET('/chat/quota', { signal }));
}

export const quotaQueryOptions = () =>
  queryOptions({
    queryKey: ['limits', 'quota'],
    queryFn: ({ signal }) => getQuota(signal),
    // The quota display shows its own "unavailable" state.
    meta: { errorToast: false },
  });

/** `enabled: false` while chat is paused for the user: the quota route is chat's own. */
export function useQuota({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...quotaQueryOptions(), enabled });
}

/** Re-reads the quota (after a send, at a reset). */
export function useRefreshQuota(): () => void {
  const queryClient = useQueryClient();
  return useCallback(
    () => void queryClient.invalidateQueries({ queryKey: quotaQueryOptions().queryKey }),
    [queryClient],
  );
}

/**
 * A 429 carries the refusing limit's numbers (problem body `limit`, `remaining`, `resetAt`;
 * `Retry-After`): the display shows them at once, the same as GET /chat/quota would.
 */
export function useRecordLimitError(): (error: ApiError) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (error: ApiError) =>
      queryClient.setQueryData<Quota>(quotaQueryOptions().queryKey, (quota) => withLimitError(quota, error)),
    [queryClient],
  );
}
