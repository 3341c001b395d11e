import { useSyncExternalStore } from 'react';
import { authSession, type AuthState } from '@/lib/auth/auth-session';

/** The session's status (restoring, signed in, signed out and why), re-rendering on change. */
export function useAuthState(): AuthState {
  return useSyncExternalStore(authSession.subscribe, authSession.getState);
}
