import type { ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useAuthState } from '../hooks/use-auth-state';
import { readReturnTo } from '../lib/return-to';

/**
 * For the sign-in and sign-up pages: someone already signed in (a restored session, or the
 * form just succeeded) goes on to `?returnTo=`. This is the one place that redirect happens.
 */
export function GuestOnly({ children }: { children: ReactNode }) {
  const auth = useAuthState();
  const [search] = useSearchParams();
  if (auth.status === 'restoring') {
    return <Spinner label="Checking your session…" className="justify-center py-16" />;
  }
  if (auth.status === 'signed-in') return <Navigate to={readReturnTo(search)} replace />;
  return children;
}
