import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useCohorts } from '../api/get-cohorts';
import { useUserDirectory } from '../api/get-users';
import { adminKeys } from '../api/keys';
import type { UserPage } from '../types';

const isSearch = (data: unknown): data is InfiniteData<UserPage> =>
  typeof data === 'object' && data !== null && 'pages' in data;

/**
 * Emails for user ids. The API stores listed users and audit subjects as ids and has no
 * lookup by id, so they are found in the user directory (the first DIRECTORY_LIMIT users)
 * and in any search this page has made (the user an admin just added, say).
 * `enabled` loads the directory; leave it off while there is nothing to name.
 */
export function useUserEmails(enabled: boolean) {
  const queryClient = useQueryClient();
  const directory = useUserDirectory({ enabled }).data;
  // Re-created when the directory arrives, so lists re-render with names.
  return useCallback(
    (id: string): string | undefined => {
      const listed = directory?.users.find((u) => u.id === id);
      if (listed) return listed.email;
      for (const [, data] of queryClient.getQueriesData({ queryKey: adminKeys.users() })) {
        const user = isSearch(data)
          ? data.pages.flatMap((page) => page.items).find((u) => u.id === id)
          : undefined;
        if (user) return user.email;
      }
      return undefined;
    },
    [queryClient, directory],
  );
}

/** Cohort names by id, from the cohort list. */
export function useCohortNames() {
  const cohorts = useCohorts();
  return useCallback((id: string) => cohorts.data?.find((c) => c.id === id)?.name, [cohorts.data]);
}
