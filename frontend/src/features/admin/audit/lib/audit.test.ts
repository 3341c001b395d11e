import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/types';
import { describeChanges, subjectLabel, type AuditNames } from './audit';

const names: AuditNames = {
  cohortName: (id) => ({ c1: 'beta-testers', c2: 'staff' })[id],
  userEmail: (id) => ({ u1: 'ada@example.com' })[id],
};

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 'e',
  at: '2025-01-01T00:00:00.000Z',
  actor: { id: 'a', email: 'admin@parley.local' },
  action: 'feature.updated',
  subject: 'feature:chat',
  before: null,
  after: null,
  ...overrides,
});

const rules = (over: Record<string, unknown> = {}, audience: Record<string, unknown> = {}) => ({
  enabled: true,
  description: 'Chat',
  ...over,
  audience: { roles: ['admin'], cohortIds: [], userIds: [], percentage: 0, ...audience },
});

describe('describeChanges', () => {
  it("lists only the rule fields that changed, in the card's order, with names for ids", () => {
    const changes = describeChanges(
      entry({
        before: rules({}, { cohortIds: ['c2'], userIds: ['u1', 'u9abcdef12'], percentage: 10 }),
        after: rules({ enabled: false }, { roles: ['admin', 'user'], cohortIds: ['c1'], percentage: 10 }),
      }),
      names,
    );
    expect(changes).toEqual([
      { field: 'enabled', label: 'Flag', from: 'On', to: 'Off' },
      { field: 'audience.roles', label: 'Roles', added: ['User'] },
      {
        field: 'audience.cohortIds',
        label: 'Cohorts',
        added: ['beta-testers'],
        removed: ['staff'],
      },
      {
        field: 'audience.userIds',
        label: 'Listed users',
        removed: ['ada@example.com', 'user u9abcdef…'],
      },
    ]);
  });

  it('shows what a created or deleted cohort was', () => {
    expect(
      describeChanges(entry({ action: 'cohort.created', after: { name: 'beta', description: '' } }), names),
    ).toEqual([
      { field: 'description', label: 'Description', to: '(empty)' },
      { field: 'name', label: 'Name', to: 'beta' },
    ]);
    expect(
      describeChanges(
        entry({
          action: 'cohort.deleted',
          before: { name: 'beta', description: '', memberCount: 3 },
        }),
        names,
      ).find((c) => c.field === 'memberCount'),
    ).toEqual({ field: 'memberCount', label: 'Members', from: '3' });
  });

  it('shows added and removed members by email', () => {
    expect(
      describeChanges(entry({ action: 'cohort.members_added', after: { userIds: ['u1'] } }), names),
    ).toEqual([{ field: 'userIds', label: 'Members', added: ['ada@example.com'] }]);
    expect(
      describeChanges(entry({ action: 'cohort.member_removed', before: { userId: 'u1' } }), names),
    ).toEqual([{ field: 'userIds', label: 'Members', removed: ['ada@example.com'] }]);
  });
});

describe('subjectLabel', () => {
  it('names features, cohorts (deleted ones from their own entry) and users', () => {
    expect(subjectLabel(entry({ subject: 'feature:chat' }), names)).toBe('Feature “chat”');
    expect(subjectLabel(entry({ subject: 'cohort:c1' }), names)).toBe('Cohort “beta-testers”');
    expect(subjectLabel(entry({ subject: 'cohort:gone', before: { name: 'old' }, after: null }), names)).toBe(
      'Cohort “old”',
    );
    expect(subjectLabel(entry({ subject: 'user:u1' }), names)).toBe('User ada@example.com');
  });
});
