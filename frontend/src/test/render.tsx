import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Providers } from '@/app/providers';
import { createQueryClient } from '@/app/query-client';

/**
 * Renders inside the real providers (so the real error → toast wiring runs) with retries
 * off, so a failing request fails the query at once instead of after back-off.
 */
export function renderWithProviders(
  ui: ReactElement,
): ReturnType<typeof render> & { queryClient: QueryClient } {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  return { ...render(<Providers queryClient={queryClient}>{ui}</Providers>), queryClient };
}
