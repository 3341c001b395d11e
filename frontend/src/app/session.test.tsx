import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { toast } from 'sonner';
import { describe, expect, it, vi } from 'vitest';
import { authSession } from '@/lib/auth/auth-session';
import { configHandler, makeMe, problem, signedInHandlers, tokenResponse } from '@/test/auth';
import { FakeChatApi } from '@/test/chat';
import { quietEventFeed } from '@/test/live';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

async function openUserMenu(name = 'Ada Lovelace') {
  await userEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('menu');
}

describe('the signed-in app', () => {
  it('shows the chat slot to users the rollout has reached', async () => {
    server.use(...signedInHandlers({ me: makeMe({ chat: true }) }), ...new FakeChatApi().handlers());
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Start a chat' })).toBeInTheDocument();
  });

  it('explains that chat is not available yet to users it has not reached', async () => {
    server.use(...signedInHandlers({ me: makeMe({ chat: false }) }));
    renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Chat is not available for you yet' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/rolling chat out gradually/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Start a chat' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('lists Admin in the user menu for admins', async () => {
    server.use(...signedInHandlers({ me: makeMe({ role: 'admin' }) }), ...new FakeChatApi().handlers());
    renderApp('/');

    const menu = await openUserMenu();
    expect(within(menu).getByRole('menuitem', { name: 'Admin' })).toHaveAttribute('href', '/admin');
    expect(within(menu).getByRole('menuitem', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('does not list Admin for other users, nor let them open the admin page', async () => {
    server.use(...signedInHandlers({ me: makeMe({ role: 'user' }) }));
    renderApp('/admin');

    expect(await screen.findByRole('heading', { name: 'Administrators only' })).toBeInTheDocument();
    const menu = await openUserMenu();
    expect(within(menu).getByRole('menuitem', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(menu).queryByRole('menuitem', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('signs out: revokes the refresh cookie, forgets the token and the cached data', async () => {
    let loggedOut = 0;
    server.use(
      ...signedInHandlers(),
      ...new FakeChatApi().handlers(),
      http.post('/api/v1/auth/logout', () => {
        loggedOut += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { router, queryClient } = renderApp('/');
    await screen.findByRole('heading', { name: 'Start a chat' });
    expect(queryClient.getQueryData(['auth', 'me'])).toBeDefined();

    const menu = await openUserMenu();
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Parley' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/sign-in');
    expect(loggedOut).toBe(1);
    expect(authSession.accessToken).toBeNull();
    expect(queryClient.getQueryData(['auth', 'me'])).toBeUndefined();
    expect(screen.queryByText(/session has expired/)).not.toBeInTheDocument();
  });

  it('signs out and asks to sign in again, with a return URL, when the session cannot be renewed', async () => {
    const toastError = vi.spyOn(toast, 'error');
    let refreshes = 0;
    server.use(
      configHandler(),
      // The page-load refresh works; by the time /me is asked, the session has been revoked.
      http.post('/api/v1/auth/refresh', () => {
        refreshes += 1;
        return refreshes === 1
          ? HttpResponse.json(tokenResponse('token-1'))
          : problem(401, 'unauthenticated');
      }),
      http.get('/api/v1/me', () => problem(401, 'unauthenticated')),
      quietEventFeed(),
    );
    const { router, queryClient } = renderApp('/admin?tab=cohorts');

    expect(await screen.findByRole('heading', { name: 'Sign in to Parley' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/sign-in?returnTo=%2Fadmin%3Ftab%3Dcohorts');
    expect(screen.getByText('Your session has expired. Sign in again to continue.')).toBeInTheDocument();
    expect(refreshes).toBe(2);
    expect(authSession.accessToken).toBeNull();
    expect(queryClient.getQueryData(['auth', 'me'])).toBeUndefined();
    // The sign-in page says it once; no toast per failed request on top.
    expect(toastError).not.toHaveBeenCalled();
  });
});
