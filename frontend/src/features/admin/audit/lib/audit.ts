import { isRecord } from '@/lib/utils';
import { formatPercent, formatNumber } from '../../shared/lib/format';
import { ROLE_LABELS } from '../../shared/lib/roles';
import type { AuditEntry, Role } from '../../shared/types';

/** Names for the ids an entry holds; undefined when this page does not know the id. */
export interface AuditNames {
  cohortName: (id: string) => string | undefined;
  userEmail: (id: string) => string | undefined;
}

export interface AuditChange {
  /** The field as stored, e.g. `audience.percentage`. */
  field: string;
  /** The field in words, e.g. "Percentage". */
  label: string;
  /** Scalars: the value before and after (absent when the thing was created or deleted). */
  from?: string;
  to?: string;
  /** Lists (roles, cohorts, users): what the change added and removed. */
  added?: string[];
  removed?: string[];
}

const ACTIONS: Record<string, string> = {
  'feature.updated': 'Changed the rules',
  'cohort.created': 'Created a cohort',
  'cohort.updated': 'Edited a cohort',
  'cohort.deleted': 'Deleted a cohort',
  'cohort.members_added': 'Added cohort members',
  'cohort.member_removed': 'Removed a cohort member',
  'user.role_changed': 'Changed a role',
};

export const actionLabel = (action: string) => ACTIONS[action] ?? action;

const LABELS: Record<string, string> = {
  enabled: 'Flag',
  description: 'Description',
  'audience.roles': 'Roles',
  'audience.cohortIds': 'Cohorts',
  'audience.userIds': 'Listed users',
  'audience.percentage': 'Percentage',
  name: 'Name',
  memberCount: 'Members',
  role: 'Role',
  userIds: 'Members',
};

/** Field order within an entry: the kill switch first, then the audience as the card shows it. */
const ORDER = Object.keys(LABELS);

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

function formatValue(field: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined) return '(none)';
  if (field === 'enabled' && typeof value === 'boolean') return value ? 'On' : 'Off';
  if (field === 'audience.percentage' && typeof value === 'number') return formatPercent(value);
  if (field === 'memberCount' && typeof value === 'number') return formatNumber(value);
  if (field.endsWith('roles') || field === 'role') {
    return typeof value === 'string' ? (ROLE_LABELS[value as Role] ?? value) : String(value);
  }
  if (field === 'audience.cohortIds' && typeof value === 'string') {
    return names.cohortName(value) ?? `deleted cohort (${shortId(value)})`;
  }
  if (field.endsWith('userIds') && typeof value === 'string') {
    return names.userEmail(value) ?? `user ${shortId(value)}`;
  }
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Leaves by dotted path; arrays are leaves (compared as sets). */
function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()) {
  if (!isRecord(value)) return into;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(child)) flatten(child, path, into);
    else into.set(path, child);
  }
  return into;
}

const byFieldOrder = (a: AuditChange, b: AuditChange) => {
  const rank = (field: string) => (ORDER.includes(field) ? ORDER.indexOf(field) : ORDER.length);
  return rank(a.field) - rank(b.field) || a.field.localeCompare(b.field);
};

/**
 * The fields an audit entry changed, before → after, in words: for a rules change, which
 * audience parts moved (roles, cohorts and users added or removed, the percentage from → to);
 * for a created or deleted cohort, what it was. Fields that did not change are left out.
 */
export function describeChanges(entry: AuditEntry, names: AuditNames): AuditChange[] {
  let { before, after } = entry;
  // One removed member is stored as {userId}; shown like the members list it came from.
  if (entry.action === 'cohort.member_removed' && isRecord(before) && typeof before.userId === 'string') {
    before = { userIds: [before.userId] };
    after = { userIds: [] };
  }
  const was = flatten(before);
  const now = flatten(after);
  const changes: AuditChange[] = [];
  for (const field of new Set([...was.keys(), ...now.keys()])) {
    const from = was.get(field);
    const to = now.get(field);
    const label = LABELS[field] ?? field;
    if (Array.isArray(from) || Array.isArray(to)) {
      const a = Array.isArray(from) ? from : [];
      const b = Array.isArray(to) ? to : [];
      const added = b.filter((x) => !a.some((y) => JSON.stringify(y) === JSON.stringify(x)));
      const removed = a.filter((x) => !b.some((y) => JSON.stringify(y) === JSON.stringify(x)));
      if (added.length === 0 && removed.length === 0) continue;
      changes.push({
        field,
        label,
        ...(added.length > 0 && { added: added.map((x) => formatValue(field, x, names)) }),
        ...(removed.length > 0 && { removed: removed.map((x) => formatValue(field, x, names)) }),
      });
      continue;
    }
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push({
      field,
      label,
      ...(was.has(field) && { from: formatValue(field, from, names) }),
      ...(now.has(field) && { to: formatValue(field, to, names) }),
    });
  }
  return changes.sort(byFieldOrder);
}

/** "Chat flag", "Cohort beta-testers", "User ada@example.com", from `feature:chat` and the like. */
export function subjectLabel(entry: Pick<AuditEntry, 'subject' | 'before' | 'after'>, names: AuditNames) {
  const [kind = '', ...rest] = entry.subject.split(':');
  const id = rest.join(':');
  if (kind === 'feature') return `Feature “${id}”`;
  if (kind === 'cohort') {
    // A deleted cohort's name is no longer in the list, but its own entries carry it.
    const own = [entry.after, entry.before].find((v) => isRecord(v) && typeof v.name === 'string');
    const name = names.cohortName(id) ?? (isRecord(own) ? (own.name as string) : undefined);
    return name ? `Cohort “${name}”` : `Cohort ${shortId(id)} (deleted)`;
  }
  if (kind === 'user') return `User ${names.userEmail(id) ?? shortId(id)}`;
  return entry.subject;
}
