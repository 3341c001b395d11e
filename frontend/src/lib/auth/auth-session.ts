/*
 * The signed-in session of this tab. The access token lives in memory only (never in
 * storage, where any injected script could read it); the refresh token is an httpOnly cookie
 * this code never sees. A page load restores the session by trading that cookie for a new
 * access token (POST /auth/refresh).
 *
 * Lives in lib/ so the API client can attach and refresh tokens without importing a
 * feature; features/auth holds the pages and hooks built on top of it.
 */
import { ApiError, networkError, toApiError } from '@/lib/api/api-error';
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import type { TokenResponse } from '@/lib/api/types';
import { withRefreshLock } from './refresh-lock';

/** Why nobody is signed in: they signed out, their session could not be renewed, or neither. */
export type SignedOutReason = 'signed-out' | 'expired' | null;

export type AuthState =
  { status: 'restoring' } | { status: 'signed-in' } | { status: 'signed-out'; reason: SignedOutReason };

type Listener = (state: AuthState, previous: AuthState) => void;

const REFRESH_URL = `${API_BASE_PATH}/auth/refresh`;

export class AuthSession {
  #state: AuthState = { status: 'restoring' };
  #token: string | null = null;
  #listeners = new Set<Listener>();
  #refreshing: Promise<string | null> | undefined;
  #restoring: Promise<void> | undefined;
  // Bumped by every sign-in and sign-out, so a refresh that answers after one of them
  // cannot bring back a session the user has just left.
  #epoch = 0;

  get accessToken(): string | null {
    return this.#token;
  }

  /** Stable between changes, as useSyncExternalStore requires. */
  getState = (): AuthState => this.#state;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Starts a session from a login, sign-up or refresh answer. */
  signIn(session: TokenResponse): void {
    this.#epoch += 1;
    this.#token = session.accessToken;
    this.#setState({ status: 'signed-in' });
  }

  /** Forgets the token. Revoking the refresh cookie (POST /auth/logout) is the caller's job. */
  signOut(reason: SignedOutReason = 'signed-out'): void {
    this.#epoch += 1;
    this.#token = null;
    this.#setState({ status: 'signed-out', reason });
  }

  /** Once per page load: trade the refresh cookie for an access token, if there is one. */
  restore(): Promise<void> {
    this.#restoring ??= this.refresh().then(
      (token) => {
        if (!token && this.#state.status === 'restoring') this.signOut(null);
      },
      () => {
        // The server could not be reached: nobody can be signed in without a token.
        if (this.#state.status === 'restoring') this.signOut(null);
      },
    );
    return this.#restoring;
  }

  /**
   * A token to retry with after `rejected` got a 401: the current one when another request
   * has refreshed in the meantime, else a fresh one. Null when the session is over.
   */
  tokenAfter(rejected: string): Promise<string | null> {
    // Signed out while the request was under way: it stays rejected.
    if (this.#state.status === 'signed-out') return Promise.resolve(null);
    if (this.#token && this.#token !== rejected) return Promise.resolve(this.#token);
    return this.refresh();
  }

  /**
   * Single flight: every caller during a refresh shares it, so parallel 401s cost one
   * POST /auth/refresh. Resolves to the new token, or null when the server says the session
   * is over (the user is then signed out); rejects with an ApiError when it could not tell.
   */
  refresh(): Promise<string | null> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<string | null> {
    const epoch = this.#epoch;
    const response = await withRefreshLock(() =>
      fetch(absoluteUrl(REFRESH_URL), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      }),
    ).catch(() => {
      throw networkError();
    });
    if (epoch !== this.#epoch) return this.#token;
    if (response.status === 401 || response.status === 403) {
      this.signOut(this.#state.status === 'signed-in' ? 'expired' : null);
      return null;
    }
    if (!response.ok) throw await toApiError(response);
    const session = (await response.json().catch(() => undefined)) as TokenResponse | undefined;
    if (!session?.accessToken) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unreadable response from the server',
        status: response.status,
        code: 'unexpected_response',
      });
    }
    this.signIn(session);
    return session.accessToken;
  }

  /** Back to a fresh page load. For tests, which share this module between cases. */
  reset(): void {
    this.#epoch += 1;
    this.#token = null;
    this.#refreshing = undefined;
    this.#restoring = undefined;
    this.#listeners.clear();
    this.#state = { status: 'restoring' };
  }

  #setState(next: AuthState): void {
    const previous = this.#state;
    // Keep the same object when nothing a subscriber can see has changed (a refresh while
    // signed in), so React does not re-render for it.
    if (next.status === previous.status && next.status !== 'signed-out') return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next, previous);
  }
}

/** The one session of this tab, shared by the API client and the auth pages. */
export const authSession = new AuthSession();
