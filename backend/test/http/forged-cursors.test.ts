import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn } from '../support/auth-helpers.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

const cursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
const ID = '019a0000-0000-7000-8000-000000000001';
const AT = '2026-11-22T10:00:00.000Z';

// Well-formed base64url JSON with the right field names, but values no page of ours ever held:
// each must answer 422 before it reaches the database (which would answer 500).
const forged = (timeField: string, idField = 'id') => ({
  'an id that is not a UUID': cursor({ [timeField]: AT, [idField]: 'not-a-uuid' }),
  'an impossible date': cursor({ [timeField]: '2026-13-45T99:00:00Z', [idField]: ID }),
  'a year the database cannot hold': cursor({ [timeField]: '+275760-09-13T00:00:00.000Z', [idField]: ID }),
  'a number for the time': cursor({ [timeField]: 12, [idField]: ID }),
});

describe('forged cursors on the admin lists', () => {
  let t: TestApp;
  let admin: string;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signIn(t.app, TEST_ADMIN.email, TEST_ADMIN.password)).accessToken;
    const cohort = await request(t.app)
      .post('/api/v1/admin/cohorts')
      .set(bearer(admin))
      .send({ name: 'forged' });
    expect(cohort.status).toBe(201);
    cohortId = (cohort.body as { id: string }).id;
    // A second audited change, so the audit log has a second page.
    const other = await request(t.app)
      .post('/api/v1/admin/cohorts')
      .set(bearer(admin))
      .send({ name: 'forged-2' });
    expect(other.status).toBe(201);
  });
  afterAll(() => t?.close());

  const lists = () => [
    { path: '/admin/users', cursors: forged('createdAt') },
    { path: '/admin/audit', cursors: forged('at') },
    { path: `/admin/cohorts/${cohortId}/members`, cursors: forged('addedAt', 'userId') },
  ];

  it('answer 422 validation_failed on the cursor, never 500', async () => {
    for (const { path, cursors } of lists()) {
      for (const [label, value] of Object.entries(cursors)) {
        const res = await request(t.app).get(`/api/v1${path}`).query({ cursor: value }).set(bearer(admin));
        expect(res.status, `${path}: ${label}`).toBe(422);
        expect(res.body, `${path}: ${label}`).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
        });
      }
    }
  });

  it('still follow a cursor the API returned', async () => {
    const first = await request(t.app).get('/api/v1/admin/audit').query({ limit: 1 }).set(bearer(admin));
    expect(first.status).toBe(200);
    const next = (first.body as { nextCursor: string | null }).nextCursor;
    expect(next).toEqual(expect.any(String));
    const second = await request(t.app)
      .get('/api/v1/admin/audit')
      .query({ limit: 1, cursor: next })
      .set(bearer(admin));
    expect(second.status).toBe(200);
  });
});
