import { Link, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { ChatHeader } from './chat-header';

/** The chat pages' error boundary: the list beside it keeps working. */
export function ChatErrorPage() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ChatHeader />
      <div role="alert" className="mx-auto grid max-w-md justify-items-center gap-3 px-4 py-16 text-center">
        <h1 className="text-xl font-semibold tracking-tight">This chat could not be shown</h1>
        <p className="text-muted-foreground">
          Something went wrong on this page. Your messages are safe; reload to try again.
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button onClick={() => window.location.reload()}>Reload</Button>
          <Button asChild variant="outline">
            <Link to="/">Start a new chat</Link>
          </Button>
        </div>
      </div>
    </div>
  );
}
