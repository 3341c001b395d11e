import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authSession } from '@/lib/auth/auth-session';

/**
 * Mount once, at the root of the app: restores the session from the refresh cookie on page
 * load, and drops every cached answer when a session ends (sign-out or expiry), so the next
 * person at this browser never sees the last one's data.
 */
export function useSessionLifecycle(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    void authSession.restore();
  }, []);

  useEffect(
    () =>
      authSession.subscribe((state, previous) => {
        if (previous.status === 'signed-in' && state.status === 'signed-out') queryClient.clear();
      }),
    [queryClient],
  );
}
