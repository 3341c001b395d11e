import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { setUpAdminTests } from '../../shared/test/admin-test-setup';
import {
  ADA_ID,
  BETA_ID,
  installFakeAdminApi,
  makeAuditEntry,
  makeCohort,
} from '../../shared/test/fake-admin-api';

setUpAdminTests();

const rules = (percentage: number, cohortIds: string[] = []) => ({
  enabled: true,
  description: 'Chat',
  audience: { roles: ['admin'], cohortIds, userIds: [], percentage },
});

/** 25 entries, newest first: a rules change, a role change, then 23 cohort edits. */
function history() {
  return [
    makeAuditEntry({
      id: 'e-0',
      at: '2025-02-01T12:00:00.000Z',
      action: 'feature.updated',
      subject: 'feature:chat',
      before: rules(10),
      after: rules(50, [BETA_ID]),
    }),
    makeAuditEntry({
      id: 'e-1',
      at: '2025-02-01T11:00:00.000Z',
      action: 'user.role_changed',
      subject: `user:${ADA_ID}`,
      before: { role: 'user' },
      after: { role: 'admin' },
    }),
    ...Array.from({ length: 23 }, (_, i) =>
      makeAuditEntry({
        id: `e-${i + 2}`,
        at: `2025-01-${String(28 - i).padStart(2, '0')}T10:00:00.000Z`,
        action: 'cohort.updated',
        subject: `cohort:${BETA_ID}`,
        before: { name: 'beta-testers', description: `v${i}` },
        after: { name: 'beta-testers', description: `v${i + 1}` },
      }),
    ),
  ];
}

const entries = () => within(screen.getByRole('list', { name: 'Audit entries' })).getAllByRole('listitem');

describe('the audit log', () => {
  it('shows each change with its time, actor, action, subject and a readable diff, then loads the next page', async () => {
    const api = installFakeAdminApi({ cohorts: [makeCohort()], audit: history() });
    const user = userEvent.setup();
    renderApp('/admin?tab=audit');

    await screen.findByRole('list', { name: 'Audit entries' });
    expect(entries()).toHaveLength(20);

    const [rulesChange, roleChange] = entries();
    const rulesEntry = within(rulesChange!).getByRole('article', {
      name: 'Changed the rules, Feature “chat”',
    });
    expect(rulesEntry).toHaveTextContent('by admin@parley.local');
    expect(rulesEntry).toHaveTextContent('feature.updated');
    expect(within(rulesEntry).getByRole('time')).toHaveAttribute('datetime', '2025-02-01T12:00:00.000Z');
    // Only what changed: the percentage and the cohorts, not the roles or the flag.
    const text = (role: string) =>
      within(rulesEntry)
        .getAllByRole(role)
        .map((el) => el.textContent);
    expect(text('term')).toEqual(['Cohorts', 'Percentage']);
    // "to" is for screen readers; the eye sees an arrow.
    expect(text('definition')).toEqual(['added beta-testers', '10%to50%']);

    // A user subject is named by email once the page knows it.
    await waitFor(() => expect(roleChange).toHaveTextContent('Changed a role · User ada@example.com'));
    expect(roleChange).toHaveTextContent('RoleUsertoAdmin');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(entries()).toHaveLength(25));
    expect(api.sent('GET', '/audit').map((r) => r.search.get('cursor'))).toContain('20');
    expect(entries().at(-1)).toHaveTextContent('Descriptionv22tov23');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('filters by subject', async () => {
    const api = installFakeAdminApi({ cohorts: [makeCohort()], audit: history() });
    const user = userEvent.setup();
    renderApp('/admin?tab=audit');

    await screen.findByRole('list', { name: 'Audit entries' });
    await user.type(screen.getByRole('combobox', { name: 'Subject' }), 'feature:chat{Enter}');

    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]).toHaveTextContent('Changed the rules');
    expect(screen.getByText('1 change about feature:chat.')).toBeInTheDocument();
    expect(api.sent('GET', '/audit').at(-1)?.search.get('subject')).toBe('feature:chat');

    await user.click(screen.getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(entries()).toHaveLength(20));
  });
});
