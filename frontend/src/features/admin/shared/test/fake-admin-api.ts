/*
 * An in-memory stand-in for the admin API (msw handlers over one mutable state), so tests
 * drive the page end to end and assert on what it sent. Shapes are the generated schema's
 * types, and the behaviours the page relies on follow the backend: PUT replaces the rules,
 * a taken cohort name and unknown member emails answer 422 with one errors[] entry each,
 * your own role answers 403, lists are newest first with opaque cursors.
 */
import { http, HttpResponse } from 'msw';
import { vi } from 'vitest';
import type { Me } from '@/lib/api/types';
import { makeMe, problem, signedInHandlers } from '@/test/auth';
import { server } from '@/test/server';
import type {
  AdminUser,
  AuditEntry,
  Cohort,
  CohortMember,
  Evaluation,
  Feature,
  FeatureRules,
} from '../types';

export const ADMIN_ID = '0190a3c4-0000-7000-8000-0000000000a1';
export const ADA_ID = '0190a3c4-0000-7000-8000-000000000001';
export const BOB_ID = '0190a3c4-0000-7000-8000-000000000002';
export const BETA_ID = '0190a3c4-0000-7000-8000-0000000000c1';

export const adminMe: Me = makeMe({
  id: ADMIN_ID,
  email: 'admin@parley.local',
  displayName: 'Grace Admin',
  role: 'admin',
});

export function makeAdminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: ADA_ID,
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    role: 'user',
    createdAt: '2025-01-02T00:00:00.000Z',
    ...overrides,
  };
}

export function makeFeature(overrides: Partial<Feature> = {}): Feature {
  return {
    key: 'chat',
    description: 'Chat with the model: sessions, streamed replies, quotas.',
    deploymentEnabled: true,
    enabled: true,
    audience: { roles: ['admin'], cohortIds: [], userIds: [], percentage: 0 },
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: null,
    ...overrides,
  };
}

export function makeCohort(overrides: Partial<Cohort> = {}): Cohort {
  return {
    id: BETA_ID,
    name: 'beta-testers',
    description: 'People who try things first',
    memberCount: 0,
    createdAt: '2025-01-03T00:00:00.000Z',
    updatedAt: '2025-01-03T00:00:00.000Z',
    ...overrides,
  };
}

export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'audit-1',
    at: '2025-01-05T10:00:00.000Z',
    actor: { id: ADMIN_ID, email: 'admin@parley.local' },
    action: 'cohort.created',
    subject: `cohort:${BETA_ID}`,
    before: null,
    after: { name: 'beta-testers', description: '' },
    ...overrides,
  };
}

export interface SentRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

export interface FakeAdminApi {
  feature: Feature;
  cohorts: Cohort[];
  members: Record<string, CohortMember[]>;
  users: AdminUser[];
  audit: AuditEntry[];
  evaluate: (userId: string) => Evaluation;
  /** Every admin request the page made, in order. */
  requests: SentRequest[];
  /** The requests with this method and path (path without /api/v1). */
  sent: (method: string, path: string) => SentRequest[];
}

const BASE = '/api/v1/admin';

/** Pages a newest-first list with an index cursor (opaque to the page, as the real one is). */
function page<T>(items: T[], search: URLSearchParams) {
  const limit = Number(search.get('limit') ?? 20);
  const start = Number(search.get('cursor') ?? 0);
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  return { items: slice, nextCursor: next };
}

/**
 * Installs the handlers (signed in as an admin) and returns the state to arrange and inspect.
 * Also stubs ResizeObserver, which jsdom lacks and Radix's slider measures itself with.
 */
export function installFakeAdminApi(initial: Partial<Omit<FakeAdminApi, 'requests' | 'sent'>> = {}) {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  const api: FakeAdminApi = {
    feature: makeFeature(),
    cohorts: [],
    members: {},
    users: [
      makeAdminUser({
        id: ADMIN_ID,
        email: 'admin@parley.local',
        displayName: 'Grace Admin',
        role: 'admin',
        createdAt: '2025-01-01T00:00:00.000Z',
      }),
      makeAdminUser(),
    ],
    audit: [],
    evaluate: () => ({ enabled: false, reason: 'not_in_audience' }),
    requests: [],
    sent: (method, path) => api.requests.filter((r) => r.method === method && r.path === `${BASE}${path}`),
    ...initial,
  };
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    api.requests.push({
      method: request.method,
      path: url.pathname,
      search: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
    });
    return url.searchParams;
  };
  const audited = (entry: Omit<AuditEntry, 'id' | 'at' | 'actor'>) => {
    api.audit.unshift({
      id: `audit-${api.audit.length + 100}`,
      at: new Date().toISOString(),
      actor: { id: ADMIN_ID, email: adminMe.email },
      ...entry,
    });
  };

  server.use(
    ...signedInHandlers({ me: adminMe }),
    http.get(`${BASE}/features/chat`, async ({ request }) => {
      await record(request);
      return HttpResponse.json(api.feature);
    }),
    http.put(`${BASE}/features/chat`, async ({ request }) => {
      await record(request);
      const rules = (await request.json()) as FeatureRules;
      const before = api.feature;
      api.feature = {
        ...before,
        enabled: rules.enabled,
        audience: rules.audience,
        updatedAt: new Date().toISOString(),
        updatedBy: ADMIN_ID,
      };
      audited({
        action: 'feature.updated',
        subject: 'feature:chat',
        before: { enabled: before.enabled, audience: before.audience },
        after: { enabled: rules.enabled, audience: rules.audience },
      });
      return HttpResponse.json(api.feature);
    }),
    http.get(`${BASE}/features/chat/evaluate`, async ({ request }) => {
      const search = await record(request);
      return HttpResponse.json(api.evaluate(search.get('userId') ?? ''));
    }),
    http.get(`${BASE}/cohorts`, async ({ request }) => {
      await record(request);
      return HttpResponse.json([...api.cohorts].sort((a, b) => a.name.localeCompare(b.name)));
    }),
    http.post(`${BASE}/cohorts`, async ({ request }) => {
      await record(request);
      const body = (await request.json()) as { name: string; description?: string };
      if (api.cohorts.some((c) => c.name.toLowerCase() === body.name.trim().toLowerCase())) {
        return problem(422, 'validation_failed', {
          detail: 'Some fields are invalid.',
          errors: [{ path: 'name', message: 'is already the name of another cohort' }],
        });
      }
      const cohort = makeCohort({
        id: `cohort-${api.cohorts.length + 1}`,
        name: body.name.trim(),
        description: body.description?.trim() ?? '',
      });
      api.cohorts.push(cohort);
      return HttpResponse.json(cohort, { status: 201 });
    }),
    http.get(`${BASE}/cohorts/:id`, async ({ request, params }) => {
      await record(request);
      const cohort = api.cohorts.find((c) => c.id === params.id);
      return cohort ? HttpResponse.json(cohort) : problem(404, 'not_found');
    }),
    http.patch(`${BASE}/cohorts/:id`, async ({ request, params }) => {
      await record(request);
      const body = (await request.json()) as { name?: string; description?: string };
      const cohort = api.cohorts.find((c) => c.id === params.id);
      if (!cohort) return problem(404, 'not_found');
      const name = body.name?.trim();
      if (
        name &&
        api.cohorts.some((c) => c.id !== cohort.id && c.name.toLowerCase() === name.toLowerCase())
      ) {
        return problem(422, 'validation_failed', {
          errors: [{ path: 'name', message: 'is already the name of another cohort' }],
        });
      }
      Object.assign(cohort, {
        ...(name !== undefined && { name }),
        ...(body.description !== undefined && { description: body.description.trim() }),
      });
      return HttpResponse.json(cohort);
    }),
    http.delete(`${BASE}/cohorts/:id`, async ({ request, params }) => {
      await record(request);
      if (!api.cohorts.some((c) => c.id === params.id)) return problem(404, 'not_found');
      api.cohorts = api.cohorts.filter((c) => c.id !== params.id);
      // As the server does: the cohort leaves every audience that named it.
      const audience = api.feature.audience;
      api.feature = {
        ...api.feature,
        audience: { ...audience, cohortIds: audience.cohortIds.filter((c) => c !== params.id) },
      };
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete(`${BASE}/cohorts/:id/members/:userId`, async ({ request, params }) => {
      await record(request);
      const id = params.id as string;
      const members = api.members[id] ?? [];
      if (!members.some((m) => m.userId === params.userId)) return problem(404, 'not_found');
      api.members[id] = members.filter((m) => m.userId !== params.userId);
      api.cohorts = api.cohorts.map((c) =>
        c.id === id ? { ...c, memberCount: api.members[id]!.length } : c,
      );
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${BASE}/cohorts/:id/members`, async ({ request, params }) => {
      const search = await record(request);
      return HttpResponse.json(page(api.members[params.id as string] ?? [], search));
    }),
    http.post(`${BASE}/cohorts/:id/members`, async ({ request, params }) => {
      await record(request);
      const id = params.id as string;
      const { emails = [] } = (await request.json()) as { emails?: string[] };
      const normalised = emails.map((e) => e.trim().toLowerCase());
      const unknown = normalised.filter((e) => !api.users.some((u) => u.email === e));
      if (unknown.length > 0) {
        return problem(422, 'validation_failed', {
          detail: 'Some fields are invalid.',
          errors: unknown.map((e) => ({ path: 'emails', message: `no user with email ${e}` })),
        });
      }
      const members = (api.members[id] ??= []);
      const added: string[] = [];
      const alreadyMembers: string[] = [];
      for (const email of normalised) {
        const user = api.users.find((u) => u.email === email)!;
        if (members.some((m) => m.userId === user.id)) alreadyMembers.push(user.id);
        else {
          members.unshift({
            userId: user.id,
            email: user.email,
            displayName: user.displayName,
            addedAt: new Date().toISOString(),
          });
          added.push(user.id);
        }
      }
      api.cohorts = api.cohorts.map((c) => (c.id === id ? { ...c, memberCount: members.length } : c));
      return HttpResponse.json({ added, alreadyMembers });
    }),
    http.get(`${BASE}/users`, async ({ request }) => {
      const search = await record(request);
      const q = (search.get('q') ?? '').toLowerCase();
      const found = api.users.filter(
        (u) => !q || u.email.includes(q) || u.displayName.toLowerCase().includes(q),
      );
      return HttpResponse.json(page(found, search));
    }),
    http.patch(`${BASE}/users/:id`, async ({ request, params }) => {
      await record(request);
      if (params.id === ADMIN_ID) {
        return problem(403, 'forbidden', { detail: 'You cannot change your own role.' });
      }
      const { role } = (await request.json()) as { role: AdminUser['role'] };
      const user = api.users.find((u) => u.id === params.id);
      if (!user) return problem(404, 'not_found');
      user.role = role;
      return HttpResponse.json(user);
    }),
    http.get(`${BASE}/audit`, async ({ request }) => {
      const search = await record(request);
      const subject = search.get('subject');
      return HttpResponse.json(
        page(subject ? api.audit.filter((e) => e.subject === subject) : api.audit, search),
      );
    }),
  );
  return api;
}
