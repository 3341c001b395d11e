import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { RegisterRequest } from '@/lib/api/types';
import { authSession } from '@/lib/auth/auth-session';

/** POST /auth/register: creates the account and signs it in, as login does. */
export const signUp = (body: RegisterRequest) => unwrap(api.POST('/auth/register', { body }));

export function useSignUp() {
  return useMutation({
    mutationFn: signUp,
    // The form shows every failure next to the fields it concerns.
    meta: { errorToast: false },
    onSuccess: (session) => authSession.signIn(session),
  });
}
