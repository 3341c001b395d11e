import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { setUpAdminTests } from '../../shared/test/admin-test-setup';
import { ADA_ID, ADMIN_ID, installFakeAdminApi } from '../../shared/test/fake-admin-api';

setUpAdminTests();

describe('users', () => {
  it("does not let you change your own role, and changes someone else's after a confirmation", async () => {
    const api = installFakeAdminApi();
    const user = userEvent.setup();
    renderApp('/admin?tab=users');

    const own = await screen.findByRole('combobox', { name: 'Role of admin@parley.local' });
    expect(own).toBeDisabled();
    expect(own).toHaveValue('admin');
    expect(own).toHaveAccessibleDescription('You cannot change your own role.');
    const ownRow = own.closest('li');
    expect(ownRow).toHaveTextContent('You');

    const ada = screen.getByRole('combobox', { name: 'Role of ada@example.com' });
    expect(ada).toBeEnabled();
    await user.selectOptions(ada, 'admin');
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Make ada@example.com an admin?',
    });
    expect(api.sent('PATCH', `/users/${ADA_ID}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Make admin' }));

    await waitFor(() => expect(api.sent('PATCH', `/users/${ADA_ID}`)).toHaveLength(1));
    expect(api.sent('PATCH', `/users/${ADA_ID}`)[0]?.body).toEqual({ role: 'admin' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(screen.getByRole('combobox', { name: 'Role of ada@example.com' })).toHaveValue('admin');
    expect(api.sent('PATCH', `/users/${ADMIN_ID}`)).toHaveLength(0);
  });

  it('finds users by email or name', async () => {
    const api = installFakeAdminApi();
    const user = userEvent.setup();
    renderApp('/admin?tab=users');

    const search = await screen.findByRole('searchbox', { name: 'Find users' });
    await screen.findByRole('combobox', { name: 'Role of ada@example.com' });
    await user.type(search, 'lovelace{Enter}');

    expect(await screen.findByText('1 user matches “lovelace”.')).toBeInTheDocument();
    const results = screen.getByRole('list', { name: 'Results: Find users' });
    expect(within(results).getAllByRole('listitem')).toHaveLength(1);
    expect(results).toHaveTextContent('ada@example.com');
    expect(api.sent('GET', '/users').at(-1)?.search.get('q')).toBe('lovelace');
  });
});
