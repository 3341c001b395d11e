import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { AdminUser } from '../types';
import { adminKeys } from './keys';

export const USERS_PAGE_SIZE = 20;

/** GET /admin/users?q=: users newest first, optionally matching `q` in the email or name. */
export function getUsers(
  { q, limit = USERS_PAGE_SIZE, cursor }: { q?: string; limit?: number; cursor?: string },
  signal?: AbortSignal,
) {
  return unwrap(api.GET('/admin/users', { params: { query: { q: q || undefined, limit, cursor } }, signal }));
}

export const usersQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: adminKeys.userSearch(q),
    queryFn: ({ pageParam, signal }) => getUsers({ q, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** Users matching `q`, a page at a time (fetchNextPage for more). */
export function useUsers(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...usersQueryOptions(q), enabled });
}

/** The directory reads at most this many users (pages of 100). */
export const DIRECTORY_LIMIT = 1_000;
const DIRECTORY_PAGE = 100;

export interface UserDirectory {
  users: AdminUser[];
  /** False when there are more users than DIRECTORY_LIMIT: `users.length` is then a floor. */
  complete: boolean;
}

/**
 * Every user, up to DIRECTORY_LIMIT. The API has no user count and no lookup by id, so this
 * is how the page estimates how many users a percentage reaches and shows listed users
 * (stored as ids) by their email.
 */
export async function getUserDirectory(signal?: AbortSignal): Promise<UserDirectory> {
  const users: AdminUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await getUsers({ limit: DIRECTORY_PAGE, cursor }, signal);
    users.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && users.length < DIRECTORY_LIMIT);
  return { users, complete: cursor === undefined };
}

export const userDirectoryQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.userDirectory(),
    queryFn: ({ signal }) => getUserDirectory(signal),
    staleTime: 60_000,
  });

export function useUserDirectory({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...userDirectoryQueryOptions(), enabled });
}
