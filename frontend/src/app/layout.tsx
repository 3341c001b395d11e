import { Link, Outlet } from "react-router";

export function Layout() {
  return (
    <div className="flex min-h-svh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-background px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="border-b">
        <div className="mx-auto flex h-14 w-full max-w-3xl items-center px-4">
          <Link to="/" className="rounded-sm text-lg font-semibold tracking-tight">
            Parley
          </Link>
        </div>
      </header>
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 focus:outline-none"
      >
        <Outlet />
      </main>
    </div>
  );
}
