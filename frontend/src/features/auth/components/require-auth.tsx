import { Navigate, Outlet, useLocation } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useAuthState } from '../hooks/use-auth-state';
import { SIGN_IN_PATH, signInPathFor } from '../lib/return-to';

/**
 * Layout route for everything that needs a session. Anyone else goes to the sign-in page
 * with a return URL, except after signing out on purpose: then there is nowhere to return to.
 */
export function RequireAuth() {
  const auth = useAuthState();
  const location = useLocation();
  if (auth.status === 'restoring') {
    return <Spinner label="Checking your session…" className="justify-center py-16" />;
  }
  if (auth.status === 'signed-out') {
    const to = auth.reason === 'signed-out' ? SIGN_IN_PATH : signInPathFor(location);
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}
