import { Button } from '@/components/ui/button';

/** GET /me failed for another reason than an ended session (which redirects instead). */
export function AccountLoadError({ onRetry }: { onRetry: () => void }) {
  // The reason is toasted by the query cache; here we only offer the way out.
  return (
    <div className="grid justify-items-start gap-3">
      <h1 className="text-2xl font-semibold tracking-tight">Your account could not be loaded</h1>
      <Button variant="outline" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
