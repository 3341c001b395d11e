import { Suspense } from 'react';
import { Link, Outlet, useMatches } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useAuthState } from '@/features/auth/hooks/use-auth-state';
import { useSessionLifecycle } from '@/features/auth/hooks/use-session-lifecycle';
import { cn } from '@/lib/utils';
import { DemoModelBadge } from './demo-model-badge';

/** A route whose page fills the window (the chat) says so with `handle: { fullBleed: true }`. */
function useFullBleed(): boolean {
  return useMatches().some(
    (match) => (match.handle as { fullBleed?: boolean } | undefined)?.fullBleed === true,
  );
}

export function Layout() {
  // The root of every page: restores the session on load, clears the cache when it ends.
  useSessionLifecycle();
  const auth = useAuthState();
  const fullBleed = useFullBleed();

  return (
    <div className={cn('flex flex-col', fullBleed ? 'h-svh' : 'min-h-svh')}>
      <a
        href="#main"
        className="sr-only rounded-md bg-background px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="shrink-0 border-b">
        <div
          className={cn(
            'mx-auto flex h-14 w-full items-center gap-3 px-4',
            fullBleed ? 'max-w-none' : 'max-w-3xl',
          )}
        >
          <Link to="/" className="rounded-sm text-lg font-semibold tracking-tight">
            Parley
          </Link>
          <DemoModelBadge />
          <div className="ml-auto">{auth.status === 'signed-in' && <UserMenu />}</div>
        </div>
      </header>
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main
        id="main"
        tabIndex={-1}
        className={cn(
          'focus:outline-none',
          fullBleed ? 'flex min-h-0 flex-1 flex-col' : 'mx-auto w-full max-w-3xl flex-1 px-4 py-10',
        )}
      >
        {/* Lazy routes (sign-up, admin) show this while their code loads. */}
        <Suspense fallback={<Spinner label="Loading…" className="justify-center py-16" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
