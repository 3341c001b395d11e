import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { toast } from 'sonner';
import { describe, expect, it, vi } from 'vitest';
import { anonymousHandlers, bearer, makeMe, problem, tokenResponse } from '@/test/auth';
import { currentPath, renderApp } from '@/test/render-app';
import { server } from '@/test/server';

async function submitSignUp({
  name = 'Ada Lovelace',
  email = 'ada@example.com',
  password = 'correct horse battery',
} = {}) {
  await userEvent.type(await screen.findByLabelText('Name'), name);
  await userEvent.type(screen.getByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('sign-up page', () => {
  it("puts the server's field errors on the fields they name", async () => {
    const toastError = vi.spyOn(toast, 'error');
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/register', () =>
        problem(422, 'validation_failed', {
          errors: [
            { path: 'password', message: 'must not be your email address' },
            { path: 'displayName', message: 'must not be empty' },
            { path: 'inviteCode', message: 'is not allowed' },
          ],
        }),
      ),
    );
    renderApp('/sign-up');

    await submitSignUp();

    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('Must not be your email address')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(
      'At least 10 characters, and not your email address. Must not be your email address',
    );
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Must not be empty');
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    // A field this form does not have is still reported, at the top of the form.
    expect(screen.getByRole('alert')).toHaveTextContent('inviteCode: is not allowed');
    // The first field in error takes focus, so a screen reader reads its message.
    expect(password).toHaveFocus();
    expect(toastError).not.toHaveBeenCalled();
  });

  it('shows a taken email on the email field', async () => {
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/register', () => problem(409, 'email_taken')),
    );
    renderApp('/sign-up');

    await submitSignUp();

    expect(await screen.findByText('An account with this email already exists.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'An account with this email already exists.',
    );
  });

  it('says so in the form when the server refuses sign-up', async () => {
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/register', () => problem(403, 'signup_disabled')),
    );
    renderApp('/sign-up');

    await submitSignUp();

    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-up is switched off');
  });

  it('shows no form when the server has sign-up switched off', async () => {
    server.use(...anonymousHandlers({ signupEnabled: false }));
    renderApp('/sign-up');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign-up is switched off' }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
  });

  it('signs the new user in and sends them on', async () => {
    server.use(
      ...anonymousHandlers(),
      http.post('/api/v1/auth/register', () => HttpResponse.json(tokenResponse('token-1'), { status: 201 })),
      http.get('/api/v1/me', ({ request }) =>
        bearer(request) === 'token-1'
          ? HttpResponse.json(makeMe({ chat: false }))
          : problem(401, 'unauthenticated'),
      ),
    );
    const { router } = renderApp('/sign-up');

    await submitSignUp();

    expect(
      await screen.findByRole('heading', { name: 'Chat is not available for you yet' }),
    ).toBeInTheDocument();
    expect(currentPath(router)).toBe('/');
  });
});
