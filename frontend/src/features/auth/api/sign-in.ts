import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { LoginRequest } from '@/lib/api/types';
import { authSession } from '@/lib/auth/auth-session';

/** POST /auth/login. The refresh token comes back as an httpOnly cookie. */
export const signIn = (body: LoginRequest) => unwrap(api.POST('/auth/login', { body }));

export function useSignIn() {
  return useMutation({
    mutationFn: signIn,
    // The form shows every failure next to the fields it concerns.
    meta: { errorToast: false },
    onSuccess: (session) => authSession.signIn(session),
  });
}
