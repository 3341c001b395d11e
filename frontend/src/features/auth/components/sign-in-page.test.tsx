import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { toast } from 'sonner';
import { describe, expect, it, vi } from 'vitest';
import { anonymousHandlers, bearer, makeMe, problem, tokenResponse } from '@/test/auth';
import { FakeChatApi } from '@/test/chat';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

async function submitSignIn(email = 'ada@example.com', password = 'correct horse battery') {
  await userEvent.type(await screen.findByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in page', () => {
  it('shows wrong credentials in the form, not as a toast', async () => {
    const toastError = vi.spyOn(toast, 'error');
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/login', () => problem(401, 'invalid_credentials')),
    );
    renderApp('/sign-in');

    await submitSignIn();

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is wrong.');
    expect(toastError).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Parley' })).toBeInTheDocument();
  });

  it('sends the user back to the page they came from once signed in', async () => {
    let sent: unknown;
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/login', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(tokenResponse('token-1', makeMe({ role: 'admin' })));
      }),
      http.get('/api/v1/me', ({ request }) =>
        bearer(request) === 'token-1'
          ? HttpResponse.json(makeMe({ role: 'admin' }))
          : problem(401, 'unauthenticated'),
      ),
    );
    const { router } = renderApp('/admin');

    // Not signed in: the protected page sends the visitor to sign in, remembering where to.
    expect(await screen.findByRole('heading', { name: 'Sign in to Parley' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/sign-in?returnTo=%2Fadmin');

    await submitSignIn('  ada@example.com ');

    expect(await screen.findByRole('heading', { level: 1, name: 'Admin' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/admin');
    expect(sent).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
  });

  it('finishes a sign-in the user left for another page before the answer came', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      ...anonymousHandlers({ signupEnabled: true }),
      http.post('/api/v1/auth/login', async () => {
        await answered;
        return HttpResponse.json(tokenResponse('token-1'));
      }),
      http.get('/api/v1/me', ({ request }) =>
        bearer(request) === 'token-1' ? HttpResponse.json(makeMe()) : problem(401, 'unauthenticated'),
      ),
      ...new FakeChatApi().handlers(),
    );
    const { router } = renderApp('/sign-in');

    await submitSignIn();
    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeInTheDocument();
    // The user follows a link while the request is in flight, then the server answers.
    await userEvent.click(screen.getByRole('link', { name: 'Create an account' }));
    expect(await screen.findByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
    answer();

    // The sign-in is not lost: the session starts and the guest page moves on to the app.
    expect(await screen.findByRole('heading', { name: 'Start a chat' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/');
  });

  it('ignores a return URL that leads off the site', async () => {
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/login', () => HttpResponse.json(tokenResponse('token-1'))),
      http.get('/api/v1/me', () => HttpResponse.json(makeMe())),
      ...new FakeChatApi().handlers(),
    );
    const { router } = renderApp('/sign-in?returnTo=%2F%2Fevil.example%2Fphish');

    await submitSignIn();

    expect(await screen.findByRole('heading', { name: 'Start a chat' })).toBeInTheDocument();
    expect(currentPath(router)).toBe('/');
  });

  it('says how long to wait when sign-in is throttled', async () => {
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/login', () =>
        problem(429, 'rate_limited', { headers: { 'retry-after': '90' } }),
      ),
    );
    renderApp('/sign-in');

    await submitSignIn();

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 2 minutes.');
  });

  it('checks the fields before sending anything', async () => {
    // No login handler: a request would fail the test (onUnhandledRequest: "error").
    server.use(...anonymousHandlers());
    renderApp('/sign-in');

    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
  });

  it('offers sign-up only when the server has it switched on', async () => {
    server.use(...anonymousHandlers({ signupEnabled: true }));
    const first = renderApp('/sign-in?returnTo=%2Fadmin');
    expect(await screen.findByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      '/sign-up?returnTo=%2Fadmin',
    );
    first.unmount();

    server.use(...anonymousHandlers({ signupEnabled: false }));
    const second = renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Parley' });
    await vi.waitFor(() => expect(second.queryClient.getQueryData(['config'])).toBeDefined());
    expect(screen.queryByRole('link', { name: 'Create an account' })).not.toBeInTheDocument();
  });
});
