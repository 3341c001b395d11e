import { useMutation, useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { toast } from 'sonner';
import { describe, expect, it, vi } from 'vitest';
import { apiFetch } from '@/lib/api/api-fetch';
import { renderWithProviders } from '@/test/render';
import { server } from '@/test/server';

const quotaProblem = () =>
  HttpResponse.json(
    {
      type: 'about:blank',
      title: 'Daily quota exceeded',
      status: 429,
      detail: 'You have used all 100 messages for today.',
      code: 'quota_exceeded',
    },
    { status: 429, headers: { 'content-type': 'application/problem+json' } },
  );

function Quota({ errorToast }: { errorToast?: boolean }) {
  const query = useQuery({
    queryKey: ['quota'],
    queryFn: () => apiFetch('/api/v1/chat/quota'),
    meta: errorToast === undefined ? undefined : { errorToast },
  });
  return <p>{query.status}</p>;
}

function Send() {
  const send = useMutation({
    mutationFn: () => apiFetch('/api/v1/chat/sessions/s1/messages', { method: 'POST' }),
  });
  return (
    <button type="button" onClick={() => send.mutate()}>
      Send
    </button>
  );
}

describe('query client error handling', () => {
  it("toasts a failed query once, with the problem's title and detail", async () => {
    server.use(http.get('/api/v1/chat/quota', quotaProblem));
    renderWithProviders(<Quota />);

    expect(await screen.findByText('Daily quota exceeded')).toBeInTheDocument();
    expect(screen.getByText('You have used all 100 messages for today.')).toBeInTheDocument();
    expect(screen.getAllByText('Daily quota exceeded')).toHaveLength(1);
  });

  it('does not toast when the query opts out with meta.errorToast = false', async () => {
    server.use(http.get('/api/v1/chat/quota', quotaProblem));
    renderWithProviders(<Quota errorToast={false} />);

    expect(await screen.findByText('error')).toBeInTheDocument();
    expect(screen.queryByText('Daily quota exceeded')).not.toBeInTheDocument();
  });

  it('does not toast an ended session: the sign-in page it leads to says so once', async () => {
    server.use(
      http.post('/api/v1/chat/sessions/s1/messages', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Authentication required',
            status: 401,
            code: 'unauthenticated',
          },
          { status: 401, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const toastError = vi.spyOn(toast, 'error');
    const { queryClient } = renderWithProviders(<Send />);

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await expect.poll(() => queryClient.getMutationCache().getAll()[0]?.state.status).toBe('error');
    expect(toastError).not.toHaveBeenCalled();
  });

  it('re-reads /me when a route says the feature is off for this user', async () => {
    server.use(
      http.get('/api/v1/chat/quota', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Feature not enabled',
            status: 403,
            code: 'feature_disabled',
          },
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const { queryClient } = renderWithProviders(<Quota errorToast={false} />);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    expect(await screen.findByText('error')).toBeInTheDocument();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['auth', 'me'] });
  });

  it('toasts a failed mutation', async () => {
    server.use(http.post('/api/v1/chat/sessions/s1/messages', quotaProblem));
    renderWithProviders(<Send />);

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Daily quota exceeded')).toBeInTheDocument();
  });
});
