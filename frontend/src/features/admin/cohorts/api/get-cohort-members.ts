import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from '../../shared/api/keys';

export const MEMBERS_PAGE_SIZE = 20;

/** GET /admin/cohorts/{id}/members: a page of members, most recently added first. */
export function getCohortMembers(id: string, cursor?: string, signal?: AbortSignal) {
  return unwrap(
    api.GET('/admin/cohorts/{id}/members', {
      params: { path: { id }, query: { limit: MEMBERS_PAGE_SIZE, cursor } },
      signal,
    }),
  );
}

export const cohortMembersQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: adminKeys.cohortMembers(id),
    queryFn: ({ pageParam, signal }) => getCohortMembers(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export function useCohortMembers(id: string) {
  return useInfiniteQuery(cohortMembersQueryOptions(id));
}
