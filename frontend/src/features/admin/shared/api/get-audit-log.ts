import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { adminKeys } from './keys';

export const AUDIT_PAGE_SIZE = 20;

/** GET /admin/audit: every admin change, newest first, optionally about one subject. */
export function getAuditLog(
  { subject, cursor, limit = AUDIT_PAGE_SIZE }: { subject?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) {
  return unwrap(
    api.GET('/admin/audit', {
      params: { query: { subject: subject || undefined, cursor, limit } },
      signal,
    }),
  );
}

/** The log a page at a time; `subject` "" means every subject. */
export const auditLogQueryOptions = (subject: string) =>
  infiniteQueryOptions({
    queryKey: adminKeys.auditLog(subject),
    queryFn: ({ pageParam, signal }) => getAuditLog({ subject, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export function useAuditLog(subject: string) {
  return useInfiniteQuery(auditLogQueryOptions(subject));
}

/** The newest entry about a subject (who changed the flag last, by email). */
export const latestAuditEntryQueryOptions = (subject: string) =>
  queryOptions({
    queryKey: adminKeys.auditLatest(subject),
    queryFn: async ({ signal }) => (await getAuditLog({ subject, limit: 1 }, signal)).items[0] ?? null,
  });

export function useLatestAuditEntry(subject: string) {
  return useQuery(latestAuditEntryQueryOptions(subject));
}
