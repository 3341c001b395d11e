import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

interface HomePageProps {
  /**
   * The server status panel. Passed in by the router because features never import each
   * other: the app layer is where features meet.
   */
  status?: ReactNode;
}

export function HomePage({ status }: HomePageProps) {
  return (
    <div className="grid gap-8">
      <div className="grid gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Parley</h1>
        <p className="text-muted-foreground">
          Self-hosted LLM chat with per-user quotas, a staged rollout and a versioned REST API.
        </p>
        <div>
          {/* A plain link on purpose: the backend serves the docs, not the client router. */}
          <Button asChild variant="outline">
            <a href="/api/docs">API documentation</a>
          </Button>
        </div>
      </div>
      {status}
    </div>
  );
}
