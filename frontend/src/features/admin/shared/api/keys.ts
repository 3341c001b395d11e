/*
 * Query keys of the admin page, in one place so mutations invalidate exactly what they
 * change. Everything starts with "admin"; each branch can be invalidated as a prefix.
 */
export const adminKeys = {
  all: ['admin'] as const,
  features: () => [...adminKeys.all, 'features'] as const,
  feature: (key: string) => [...adminKeys.features(), key] as const,
  /** Evaluations depend on rules, roles and memberships: most changes drop them all. */
  evaluations: () => [...adminKeys.all, 'evaluate'] as const,
  evaluation: (key: string, userId: string) => [...adminKeys.evaluations(), key, userId] as const,
  cohorts: () => [...adminKeys.all, 'cohorts'] as const,
  cohortList: () => [...adminKeys.cohorts(), 'list'] as const,
  cohort: (id: string) => [...adminKeys.cohorts(), 'detail', id] as const,
  cohortMembers: (id: string) => [...adminKeys.cohort(id), 'members'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  userSearch: (q: string) => [...adminKeys.users(), 'search', q] as const,
  userDirectory: () => [...adminKeys.users(), 'directory'] as const,
  audit: () => [...adminKeys.all, 'audit'] as const,
  auditLog: (subject: string) => [...adminKeys.audit(), 'log', subject] as const,
  auditLatest: (subject: string) => [...adminKeys.audit(), 'latest', subject] as const,
};
