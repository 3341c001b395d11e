import type { Location } from 'react-router';

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_UP_PATH = '/sign-up';
const PARAM = 'returnTo';

/**
 * Only a path on this site: "//evil.example" and "https://..." would turn the sign-in page
 * into an open redirect. Anything else, and the auth pages themselves, lead home.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  const path = value.split(/[?#]/)[0];
  return path === SIGN_IN_PATH || path === SIGN_UP_PATH ? '/' : value;
}

/** The return URL a sign-in page was opened with. */
export function readReturnTo(search: URLSearchParams): string {
  return safeReturnTo(search.get(PARAM));
}

/** An auth page's address that comes back to `returnTo` afterwards ("/" needs no parameter). */
export function authPath(page: string, returnTo: string): string {
  return returnTo === '/' ? page : `${page}?${new URLSearchParams({ [PARAM]: returnTo })}`;
}

/** The sign-in address for someone who tried to open `location`. */
export function signInPathFor(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  return authPath(SIGN_IN_PATH, safeReturnTo(location.pathname + location.search + location.hash));
}
