import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

/** GET /me: the signed-in user, their current role and which features are on for them. */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => unwrap(api.GET('/me', { signal })),
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
