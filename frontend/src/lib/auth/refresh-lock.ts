/*
 * The refresh token is single use and shared by every tab (one cookie). If two tabs refreshed
 * at once, the second would present a spent token; the server forgives that within a short
 * grace window, but serialising refreshes across tabs with a Web Lock means each one reads
 * the cookie the previous one wrote. Where Web Locks are missing (jsdom, old browsers) the
 * in-tab single flight in AuthSession still applies.
 */
export const REFRESH_LOCK_NAME = 'parley-auth-refresh';

export async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  // Resolves with what the task resolves with (lib.dom's typing nests the promise).
  return await locks.request(REFRESH_LOCK_NAME, task);
}
