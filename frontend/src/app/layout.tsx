import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { Spinner } from "@/components/ui/spinner";
import { UserMenu } from "@/features/auth/components/user-menu";
import { useAuthState } from "@/features/auth/hooks/use-auth-state";
import { useSessionLifecycle } from "@/features/auth/hooks/use-session-lifecycle";
import { DemoModelBadge } from "./demo-model-badge";

export function Layout() {
  // The root of every page: restores the session on load, clears the cache when it ends.
  useSessionLifecycle();
  const auth = useAuthState();

  return (
    <div className="flex min-h-svh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-background px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="border-b">
        <div className="mx-auto flex h-14 w-full max-w-3xl items-center gap-3 px-4">
          <Link to="/" className="rounded-sm text-lg font-semibold tracking-tight">
            Parley
          </Link>
          <DemoModelBadge />
          <div className="ml-auto">{auth.status === "signed-in" && <UserMenu />}</div>
        </div>
      </header>
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 focus:outline-none"
      >
        {/* Lazy routes (sign-up, admin) show this while their code loads. */}
        <Suspense fallback={<Spinner label="Loading…" className="justify-center py-16" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
