import { Link, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';

/** Shown instead of a blank screen when a route throws while rendering or loading. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <div role="alert" className="grid justify-items-start gap-3">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-muted-foreground">Reload the page, or go back to the start.</p>
      <Button asChild>
        <Link to="/" reloadDocument>
          Back to the home page
        </Link>
      </Button>
    </div>
  );
}
