/** Where the versioned API lives; the app is served from the same origin as the API. */
export const API_BASE_PATH = '/api/v1';

/**
 * An absolute URL for a path on this origin. Browsers resolve relative URLs themselves, but
 * `new Request("/api/...")` throws outside a document (Node, and so the tests): resolving
 * against `location` keeps one code path for both.
 */
export function absoluteUrl(path: string): string {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? new URL(path, origin).toString() : path;
}
