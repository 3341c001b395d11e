import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Me } from '@/lib/api/types';

/** GET /me: the signed-in user, their current role and which features are on for them. */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => unwrap(api.GET('/me', { signal })),
  });

export function useMe() {
  return useQuery(meQueryOptions());
}

/**
 * Chat for this user: `open`; `paused` when an administrator switched it off (or took it
 * away) and their chats stay readable; `not_yet` when the rollout has not reached them.
 */
export type ChatAccess = 'open' | NonNullable<Me['features']['featureReason']>;

export function chatAccess({ features }: Me): ChatAccess {
  if (features.chat) return 'open';
  return features.featureReason === 'paused' ? 'paused' : 'not_yet';
}
