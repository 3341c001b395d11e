import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, currentPath } from '@/test/render-app';
import { setUpAdminTests } from '../../shared/test/admin-test-setup';
import {
  ADA_ID,
  BETA_ID,
  installFakeAdminApi,
  makeAdminUser,
  makeCohort,
  makeFeature,
} from '../../shared/test/fake-admin-api';

setUpAdminTests();

describe('cohorts', () => {
  it("lists the cohorts with their member counts and whether chat's audience includes them", async () => {
    installFakeAdminApi({
      feature: makeFeature({
        audience: { roles: ['admin'], cohortIds: [BETA_ID], userIds: [], percentage: 0 },
      }),
      cohorts: [
        makeCohort({ memberCount: 12 }),
        makeCohort({ id: 'c-2', name: 'staff', description: '', memberCount: 1 }),
      ],
    });
    renderApp('/admin?tab=cohorts');

    const list = await screen.findByRole('list', { name: 'Cohorts' });
    const [beta, staff] = within(list).getAllByRole('listitem');
    expect(beta).toHaveTextContent('beta-testers');
    expect(beta).toHaveTextContent('People who try things first');
    expect(beta).toHaveTextContent('12 members');
    expect(beta).toHaveTextContent('In the chat audience');
    expect(staff).toHaveTextContent('1 member');
    expect(staff).not.toHaveTextContent('In the chat audience');
  });

  it("shows a taken name on the name field (the server's 422), and opens a new cohort", async () => {
    const api = installFakeAdminApi({ cohorts: [makeCohort()] });
    const user = userEvent.setup();
    const { router } = renderApp('/admin?tab=cohorts');

    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.type(name, 'Beta-Testers');
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    expect(await screen.findByText('Is already the name of another cohort')).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Is already the name of another cohort/);
    expect(name).toHaveFocus();

    await user.clear(name);
    await user.type(name, 'early-birds');
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'early-birds' })).toHaveFocus();
    expect(currentPath(router)).toBe('/admin?tab=cohorts&cohort=cohort-2');
    expect(api.sent('POST', '/cohorts').map((r) => r.body)).toEqual([
      { name: 'Beta-Testers', description: '' },
      { name: 'early-birds', description: '' },
    ]);
  });

  it('renames a cohort in a dialog, with a taken name shown on the field', async () => {
    const api = installFakeAdminApi({
      cohorts: [makeCohort(), makeCohort({ id: 'c-2', name: 'staff' })],
    });
    const user = userEvent.setup();
    renderApp(`/admin?tab=cohorts&cohort=${BETA_ID}`);

    const edit = await screen.findByRole('button', { name: 'Edit' });
    await user.click(edit);
    const dialog = await screen.findByRole('dialog', { name: 'Edit cohort' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await user.type(name, 'STAFF');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Is already the name of another cohort')).toBeVisible();

    await user.clear(name);
    await user.type(name, 'beta-2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'beta-2' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(edit).toHaveFocus());
    expect(api.sent('PATCH', `/cohorts/${BETA_ID}`).map((r) => r.body)).toEqual([
      { name: 'STAFF', description: 'People who try things first' },
      { name: 'beta-2', description: 'People who try things first' },
    ]);
  });

  it('adds members by email and names the unknown emails from the 422, adding nobody', async () => {
    const api = installFakeAdminApi({
      cohorts: [makeCohort()],
      users: [makeAdminUser(), makeAdminUser({ id: 'u-2', email: 'grace@example.com' })],
    });
    const user = userEvent.setup();
    renderApp(`/admin?tab=cohorts&cohort=${BETA_ID}`);

    const emails = await screen.findByRole('textbox', { name: 'Add members by email' });
    expect(await screen.findByText('No members yet.')).toBeInTheDocument();
    await user.type(emails, 'ada@example.com, Nobody@Example.com{Enter}ghost@example.org');
    await user.click(screen.getByRole('button', { name: 'Add members' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nobody was added');
    expect(
      within(within(alert).getByRole('list', { name: 'Unknown emails' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Nobody@Example.com', 'ghost@example.org']);
    expect(emails).toHaveAttribute('aria-invalid', 'true');
    expect(api.sent('POST', `/cohorts/${BETA_ID}/members`)[0]?.body).toEqual({
      emails: ['ada@example.com', 'Nobody@Example.com', 'ghost@example.org'],
    });
    expect(screen.getByText('No members yet.')).toBeInTheDocument();

    // Drop the unknown ones and send the rest.
    await user.click(within(alert).getByRole('button', { name: 'Remove unknown emails from the list' }));
    expect(emails).toHaveValue('ada@example.com');
    expect(emails).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Add members' }));

    expect(await screen.findByText('Added 1 member to beta-testers.')).toBeInTheDocument();
    const members = await screen.findByRole('list', { name: 'Members of beta-testers' });
    expect(within(members).getByText('ada@example.com')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.sent('POST', `/cohorts/${BETA_ID}/members`)[1]?.body).toEqual({
      emails: ['ada@example.com'],
    });
  });

  it('pages the members and removes one', async () => {
    const members = Array.from({ length: 25 }, (_, i) => ({
      userId: i === 0 ? ADA_ID : `u-${i}`,
      email: i === 0 ? 'ada@example.com' : `member${i}@example.com`,
      displayName: `Member ${i}`,
      addedAt: '2025-01-04T00:00:00.000Z',
    }));
    const api = installFakeAdminApi({
      cohorts: [makeCohort({ memberCount: 25 })],
      members: { [BETA_ID]: members },
    });
    const user = userEvent.setup();
    renderApp(`/admin?tab=cohorts&cohort=${BETA_ID}`);

    const list = await screen.findByRole('list', { name: 'Members of beta-testers' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    await user.click(screen.getByRole('button', { name: 'Load more members' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(25));
    expect(screen.queryByRole('button', { name: 'Load more members' })).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Remove ada@example.com from beta-testers' }));

    await waitFor(() => expect(within(list).queryByText('ada@example.com')).not.toBeInTheDocument());
    expect(api.sent('DELETE', `/cohorts/${BETA_ID}/members/${ADA_ID}`)).toHaveLength(1);
    expect(await screen.findByRole('heading', { name: 'Members (24 members)' })).toHaveFocus();
  });

  it('deletes a cohort after a confirmation that warns it leaves the chat audience', async () => {
    const api = installFakeAdminApi({
      feature: makeFeature({
        audience: { roles: ['admin'], cohortIds: [BETA_ID], userIds: [], percentage: 0 },
      }),
      cohorts: [makeCohort({ memberCount: 3 })],
    });
    const user = userEvent.setup();
    const { router } = renderApp(`/admin?tab=cohorts&cohort=${BETA_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Delete the cohort “beta-testers”?',
    });
    expect(dialog).toHaveTextContent(/It is in the chat audience/);
    await user.click(within(dialog).getByRole('button', { name: 'Delete cohort' }));

    expect(await screen.findByText('No cohorts yet.')).toBeInTheDocument();
    expect(currentPath(router)).toBe('/admin?tab=cohorts');
    expect(screen.getByRole('heading', { level: 2, name: 'Cohorts' })).toHaveFocus();
    expect(api.sent('DELETE', `/cohorts/${BETA_ID}`)).toHaveLength(1);
  });
});
