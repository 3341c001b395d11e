import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { bearer, signIn } from './auth-helpers.js';
import { TEST_ADMIN } from './test-app.js';

const COHORT = 'test-chat-users';

/**
 * Opens chat for users the way an admin would: through the admin API, by adding them to a
 * cohort that the chat flag's audience names. Chat tests use this, never a bypass of the gate.
 */
export async function openChatFor(
  app: Express,
  userIds: string[],
): Promise<{ adminToken: string; cohortId: string }> {
  const admin = await signIn(app, TEST_ADMIN.email, TEST_ADMIN.password);
  const auth = bearer(admin.accessToken);

  const cohorts = await request(app).get('/api/v1/admin/cohorts').set(auth);
  let cohortId: string | undefined = cohorts.body.find((c: { name: string }) => c.name === COHORT)?.id;
  if (!cohortId) {
    const created = await request(app)
      .post('/api/v1/admin/cohorts')
      .set(auth)
      .send({ name: COHORT, description: 'Users the tests chat as' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    cohortId = created.body.id as string;
  }
  const added = await request(app)
    .post(`/api/v1/admin/cohorts/${cohortId}/members`)
    .set(auth)
    .send({ userIds });
  expect(added.status, JSON.stringify(added.body)).toBe(200);

  const flag = (await request(app).get('/api/v1/admin/features/chat').set(auth)).body;
  if (!flag.enabled || !flag.audience.cohortIds.includes(cohortId)) {
    const put = await request(app)
      .put('/api/v1/admin/features/chat')
      .set(auth)
      .send({
        enabled: true,
        audience: { ...flag.audience, cohortIds: [...new Set([...flag.audience.cohortIds, cohortId])] },
      });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
  return { adminToken: admin.accessToken, cohortId };
}
