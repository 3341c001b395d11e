import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { meQueryOptions } from '@/features/auth/api/get-me';
import { ApiError } from '@/lib/api/api-error';

declare module '@tanstack/react-query' {
  interface Register {
    // `errorToast: false` for a query or mutation whose component shows the error itself
    // (a form's field errors, say), so the user is not told twice.
    queryMeta: { errorToast?: boolean };
    mutationMeta: { errorToast?: boolean };
  }
}

/**
 * The one place errors become toasts. Components render error states but never toast, so
 * a failure is announced once. A query's toast is keyed by its hash, so a polling query that
 * keeps failing updates one toast instead of stacking them; each failed action gets its own.
 */
function toastError(error: Error, id?: string) {
  // A 401 that survives the client's one refresh means the session is over: the auth layer
  // sends the user to the sign-in page, which says so once, instead of one toast per query.
  if (error instanceof ApiError && error.code === 'unauthenticated') return;
  if (error instanceof ApiError) {
    const description = error.detail && error.detail !== error.title ? error.detail : undefined;
    toast.error(error.title, { id, description });
  } else {
    toast.error('Something went wrong', { id, description: error.message });
  }
}

// Client errors (4xx) will not change on a retry; server and network errors might.
const shouldRetry = (failureCount: number, error: Error) =>
  failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export function createQueryClient(): QueryClient {
  // Chat was switched off for this user while the page was open (the rollout's kill switch,
  // say): re-read GET /me so the page gives way to the "not available yet" notice instead of
  // failing request after request.
  const onFeatureDisabled = (error: Error) => {
    if (error instanceof ApiError && error.code === 'feature_disabled') {
      void client.invalidateQueries({ queryKey: meQueryOptions().queryKey });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        onFeatureDisabled(error);
        if (query.meta?.errorToast !== false) toastError(error, query.queryHash);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        onFeatureDisabled(error);
        if (mutation.meta?.errorToast !== false) toastError(error);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000 },
    },
  });
  return client;
}
