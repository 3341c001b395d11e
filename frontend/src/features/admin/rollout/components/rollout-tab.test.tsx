import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { problem } from '@/test/auth';
import { renderApp } from '@/test/render-app';
import { server } from '@/test/server';
import { setUpAdminTests } from '../../shared/test/admin-test-setup';
import {
  ADA_ID,
  ADMIN_ID,
  BETA_ID,
  installFakeAdminApi,
  makeAdminUser,
  makeCohort,
  makeFeature,
} from '../../shared/test/fake-admin-api';

setUpAdminTests();

/** Ten users, so the percentage estimate has something to count. */
const tenUsers = () =>
  Array.from({ length: 10 }, (_, i) =>
    makeAdminUser({
      id: i === 0 ? ADMIN_ID : i === 1 ? ADA_ID : `user-${i}`,
      email: i === 0 ? 'admin@parley.local' : i === 1 ? 'ada@example.com' : `user${i}@example.com`,
      role: i === 0 ? 'admin' : 'user',
    }),
  );

const rolledOut = () =>
  makeFeature({
    audience: { roles: ['admin'], cohortIds: [BETA_ID], userIds: [ADA_ID], percentage: 10 },
  });

describe('the chat flag card', () => {
  it('saves a new percentage with the whole rules, after a confirmation that says what changes', async () => {
    const api = installFakeAdminApi({
      feature: rolledOut(),
      cohorts: [makeCohort({ memberCount: 3 })],
      users: tenUsers(),
    });
    const user = userEvent.setup();
    renderApp('/admin');

    const exact = await screen.findByRole('spinbutton', { name: 'Exact percentage' });
    expect(exact).toHaveValue(10);
    await user.clear(exact);
    await user.type(exact, '50');
    expect(screen.getByRole('slider', { name: 'Percentage of users' })).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    await user.click(screen.getByRole('button', { name: 'Save percentage…' }));

    const dialog = await screen.findByRole('alertdialog', {
      name: 'Change the percentage: 10% → 50%?',
    });
    // 40% of the 10 users the page counted.
    expect(
      await within(dialog).findByText(/^About 4 more users \(40% of 10 users\) will get chat/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/^Users who have it keep it/)).toBeInTheDocument();
    expect(api.sent('PUT', '/features/chat')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Set to 50%' }));

    await waitFor(() => expect(api.sent('PUT', '/features/chat')).toHaveLength(1));
    // PUT replaces the rules: everything else is sent back as it was.
    expect(api.sent('PUT', '/features/chat')[0]?.body).toEqual({
      enabled: true,
      audience: { roles: ['admin'], cohortIds: [BETA_ID], userIds: [ADA_ID], percentage: 50 },
    });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Saved. Percentage changed: 10% → 50%.')).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Exact percentage' })).toHaveValue(50);
    expect(
      screen.getByText((_, el) => el?.tagName === 'P' && /^Last changed .+ by you\.$/.test(el.textContent)),
    ).toBeInTheDocument();
  });

  it('moves the percentage with the keyboard on the slider', async () => {
    installFakeAdminApi({ feature: rolledOut(), cohorts: [makeCohort()] });
    const user = userEvent.setup();
    renderApp('/admin');

    const slider = await screen.findByRole('slider', { name: 'Percentage of users' });
    slider.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{PageUp}');

    expect(screen.getByRole('spinbutton', { name: 'Exact percentage' })).toHaveValue(22);
    expect(slider).toHaveAttribute('aria-valuetext', '22% of users');
  });

  it('sends nothing when another admin moved the percentage meanwhile, and shows the new value', async () => {
    const api = installFakeAdminApi({ feature: rolledOut(), cohorts: [makeCohort()] });
    const user = userEvent.setup();
    renderApp('/admin');

    const exact = await screen.findByRole('spinbutton', { name: 'Exact percentage' });
    await user.clear(exact);
    await user.type(exact, '50');
    await user.click(screen.getByRole('button', { name: 'Save percentage…' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Change the percentage: 10% → 50%?',
    });

    api.feature = { ...api.feature, audience: { ...api.feature.audience, percentage: 20 } };
    await user.click(within(dialog).getByRole('button', { name: 'Set to 50%' }));

    expect(await screen.findByText('The rules changed')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Exact percentage' })).toHaveValue(20));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.sent('PUT', '/features/chat')).toHaveLength(0);
  });

  it('asks before the kill switch, sends enabled: false and keeps the audience', async () => {
    const api = installFakeAdminApi({ feature: rolledOut(), cohorts: [makeCohort()] });
    const user = userEvent.setup();
    renderApp('/admin');

    const kill = await screen.findByRole('button', { name: 'Turn chat off for everyone' });
    await user.click(kill);
    expect(await screen.findByRole('alertdialog', { name: 'Turn chat off for everyone?' })).toHaveTextContent(
      /This is the kill switch/,
    );

    // Escape cancels: nothing is sent.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.sent('PUT', '/features/chat')).toHaveLength(0);

    await user.click(kill);
    const dialog = await screen.findByRole('alertdialog', { name: 'Turn chat off for everyone?' });
    await user.click(within(dialog).getByRole('button', { name: 'Turn chat off' }));

    await waitFor(() => expect(api.sent('PUT', '/features/chat')).toHaveLength(1));
    expect(api.sent('PUT', '/features/chat')[0]?.body).toEqual({
      enabled: false,
      audience: { roles: ['admin'], cohortIds: [BETA_ID], userIds: [ADA_ID], percentage: 10 },
    });
    expect(await screen.findByText('Off for everyone: flag off')).toBeInTheDocument();
    // The same button now turns chat back on, and keyboard focus is back on it.
    const turnOn = screen.getByRole('button', { name: 'Turn chat on' });
    await waitFor(() => expect(turnOn).toHaveFocus());
  });

  it('edits the audience one change at a time, each a PUT of the whole rules', async () => {
    const api = installFakeAdminApi({
      feature: rolledOut(),
      cohorts: [makeCohort({ memberCount: 3 }), makeCohort({ id: 'c-2', name: 'staff' })],
      users: tenUsers(),
    });
    const user = userEvent.setup();
    renderApp('/admin');
    const puts = () => api.sent('PUT', '/features/chat').map((r) => r.body);

    // Listed users show by email, though the rules hold ids.
    const listed = await screen.findByRole('list', { name: 'Users in the audience' });
    expect(await within(listed).findByText('ada@example.com')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Cohort to add' }), 'c-2');
    await user.click(screen.getByRole('button', { name: 'Add cohort' }));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toEqual({
      enabled: true,
      audience: {
        roles: ['admin'],
        cohortIds: [BETA_ID, 'c-2'],
        userIds: [ADA_ID],
        percentage: 10,
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Remove ada@example.com from the audience' }));
    await waitFor(() => expect(puts()).toHaveLength(2));
    expect(puts()[1]).toMatchObject({ audience: { cohortIds: [BETA_ID, 'c-2'], userIds: [] } });
    expect(await screen.findByText('No users are listed.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Listed users' })).toHaveFocus();

    // Adding the user role opens chat to nearly everyone: it asks first.
    await user.click(screen.getByRole('checkbox', { name: 'Users' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Give chat to every user?' });
    expect(puts()).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Add the user role' }));
    await waitFor(() => expect(puts()).toHaveLength(3));
    expect(puts()[2]).toMatchObject({ audience: { roles: ['admin', 'user'] } });
    expect(await screen.findByRole('checkbox', { name: 'Users' })).toBeChecked();
  });

  it('shows the deployment switch read-only, and says off means off for everyone', async () => {
    installFakeAdminApi({ feature: makeFeature({ deploymentEnabled: false }) });
    renderApp('/admin');

    const region = await screen.findByRole('region', { name: 'Deployment switch' });
    expect(region).toHaveTextContent('Off');
    expect(region).toHaveTextContent(/Off means off for everyone, admins included/);
    expect(within(region).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Off for everyone: deployment switch')).toBeInTheDocument();
  });
});

describe('errors', () => {
  it('offers a retry when the rules cannot be loaded, and recovers', async () => {
    const api = installFakeAdminApi();
    let failures = 1;
    server.use(
      http.get('/api/v1/admin/features/chat', () =>
        failures-- > 0
          ? problem(500, 'internal', { detail: 'Database unavailable' })
          : HttpResponse.json(api.feature),
      ),
    );
    const user = userEvent.setup();
    renderApp('/admin');

    expect(await screen.findByText('The chat rollout could not be loaded.')).toBeInTheDocument();
    // The query cache toasts why.
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Turn chat off for everyone' })).toBeInTheDocument();
  });

  it('keeps a crash inside one section: the rest of the page still works', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = installFakeAdminApi();
    // An answer the card cannot read (no audience) breaks the card only.
    server.use(
      http.get('/api/v1/admin/features/chat', () =>
        HttpResponse.json({ ...api.feature, audience: undefined }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/admin');

    expect(await screen.findByText('The chat rollout stopped working')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Check a user' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect(await screen.findByText('No changes yet.')).toBeInTheDocument();
  });
});

describe('check a user', () => {
  it('finds a user by email and explains why they have chat', async () => {
    const api = installFakeAdminApi({
      feature: rolledOut(),
      cohorts: [makeCohort()],
      evaluate: (userId) =>
        userId === ADA_ID
          ? { enabled: true, reason: 'percentage' }
          : { enabled: false, reason: 'not_in_audience' },
    });
    const user = userEvent.setup();
    renderApp('/admin');

    const check = await screen.findByRole('region', { name: 'Check a user' });
    await user.type(within(check).getByRole('searchbox', { name: 'Find the user to check' }), 'ada{Enter}');
    await user.click(await within(check).findByRole('button', { name: 'Check ada@example.com' }));

    expect(await within(check).findByText('ada@example.com has chat.')).toBeInTheDocument();
    expect(
      within(check).getByText('Their fixed place in the rollout falls within the current 10% of users.'),
    ).toBeInTheDocument();
    const decided = within(check)
      .getAllByRole('listitem')
      .find((item) => item.getAttribute('aria-current') === 'step');
    expect(decided).toHaveTextContent('Is their place within the percentage?');
    expect(decided).toHaveTextContent('Yes: decides, has chat');
    expect(api.sent('GET', '/users').at(-1)?.search.get('q')).toBe('ada');
    expect(api.sent('GET', '/features/chat/evaluate')[0]?.search.get('userId')).toBe(ADA_ID);
  });

  it('says when the kill switch is why someone has no chat', async () => {
    installFakeAdminApi({
      feature: makeFeature({ enabled: false }),
      evaluate: () => ({ enabled: false, reason: 'flag_off' }),
    });
    const user = userEvent.setup();
    renderApp('/admin');

    const check = await screen.findByRole('region', { name: 'Check a user' });
    await user.type(within(check).getByRole('searchbox'), 'ada@example.com{Enter}');
    await user.click(await within(check).findByRole('button', { name: 'Check ada@example.com' }));

    expect(await within(check).findByText('ada@example.com does not have chat.')).toBeInTheDocument();
    expect(within(check).getByText(/The chat flag is switched off \(the kill switch\)/)).toBeInTheDocument();
  });
});
