import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { authSession } from '@/lib/auth/auth-session';

/**
 * POST /auth/logout revokes the refresh cookie; the token is forgotten here whatever the
 * server answers, so the button always signs this tab out. If the server could not be
 * reached the error is still toasted: the cookie may outlive this page.
 * The query cache is cleared by useSessionLifecycle, as for an expired session.
 */
export async function signOut(): Promise<void> {
  try {
    await api.POST('/auth/logout');
  } finally {
    authSession.signOut('signed-out');
  }
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
