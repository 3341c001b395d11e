import { Button } from '@/components/ui/button';

/**
 * "Load more" for a paged list. Marked busy rather than disabled while loading, so keyboard
 * focus stays on it and the next press loads the page after.
 */
export function LoadMoreButton({
  loading,
  onLoad,
  label = 'Load more',
}: {
  loading: boolean;
  onLoad: () => void;
  label?: string;
}) {
  return (
    <Button
      variant="outline"
      size="sm"
      className="justify-self-start"
      aria-disabled={loading || undefined}
      onClick={() => !loading && onLoad()}
    >
      {loading ? 'Loading…' : label}
    </Button>
  );
}
