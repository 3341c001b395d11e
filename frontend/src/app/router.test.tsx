import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { anonymousHandlers, signedInHandlers } from '@/test/auth';
import { FakeChatApi } from '@/test/chat';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

describe('routes', () => {
  it('shows the status page with the server status and a link to the API docs', async () => {
    server.use(
      ...anonymousHandlers(),
      http.get('/readyz', () => HttpResponse.json({ status: 'ok', checks: { database: { status: 'ok' } } })),
    );
    renderApp('/status');

    expect(screen.getByRole('heading', { level: 1, name: 'Parley' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'API documentation' })).toHaveAttribute('href', '/api/docs');
    expect(screen.getByRole('region', { name: 'Server status' })).toBeInTheDocument();
    expect(await screen.findByText(/^Overall/)).toHaveTextContent('Overall OK');
  });

  it('answers an unknown address with a 404 page that leads back home', async () => {
    server.use(...signedInHandlers(), ...new FakeChatApi().handlers());
    const { router } = renderApp('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Parley' })).toHaveAttribute('href', '/');
    await userEvent.click(screen.getByRole('link', { name: 'Back to the home page' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Start a chat' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/');
  });

  it('sends a visitor without a session from the home page to sign in', async () => {
    server.use(...anonymousHandlers());
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Sign in to Parley' })).toBeInTheDocument();
    // Home is where sign-in leads anyway, so it needs no return URL.
    expect(currentPath(router)).toBe('/sign-in');
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    server.use(...signedInHandlers());
    const { router } = renderApp('/sign-in?returnTo=%2Fno-such-page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/no-such-page');
  });
});

describe('the demo model badge', () => {
  it('is shown when the server answers with its demo model', async () => {
    server.use(...anonymousHandlers({ demoModel: true }));
    renderApp('/sign-in');

    expect(await screen.findByText('Demo model')).toBeInTheDocument();
  });

  it('is not shown for a real model', async () => {
    server.use(...anonymousHandlers({ demoModel: false }));
    const { queryClient } = renderApp('/sign-in');

    await screen.findByRole('heading', { name: 'Sign in to Parley' });
    await expect.poll(() => queryClient.getQueryData(['config'])).toBeDefined();
    expect(screen.queryByText('Demo model')).not.toBeInTheDocument();
  });
});
