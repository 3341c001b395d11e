import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/*
 * GET /config: what the app needs before anyone signs in (is sign-up open, is the demo model
 * answering, message limits). Shared by several features, so it lives here rather than in one.
 */
export const configQueryOptions = () =>
  queryOptions({
    queryKey: ['config'],
    queryFn: ({ signal }) => unwrap(api.GET('/config', { signal })),
    // Set from the server's environment: it changes with a redeploy, not while the page is open.
    staleTime: 5 * 60_000,
  });

export function useClientConfig() {
  return useQuery(configQueryOptions());
}
