import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '../api/get-me';
import { AccountLoadError } from './account-load-error';

/**
 * Admin pages. The role comes from GET /me (the server's current view), not from the token,
 * which may predate a role change. The server checks it again on every admin route: this is
 * only about not showing a page that would fail.
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spinner label="Loading your account…" className="justify-center py-16" />;
  if (me.isError) return <AccountLoadError onRetry={() => void me.refetch()} />;
  if (me.data.role !== 'admin') {
    return (
      <div className="grid justify-items-start gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Administrators only</h1>
        <p className="text-muted-foreground">Your account cannot open this page.</p>
        <Button asChild>
          <Link to="/">Back to the home page</Link>
        </Button>
      </div>
    );
  }
  return children;
}
