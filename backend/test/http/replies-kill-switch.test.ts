import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitForRequests } from '../../src/infrastructure/llm/fake/fake-model-control.client.js';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import {
  deltasOf,
  newSession,
  sendPath,
  sendStreaming,
  storedReply,
  toEnd,
} from '../support/reply-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Switching chat off for a user ends their running replies within seconds, on every instance:
 * at once when the change is heard (the ChangeFeed), and within 5 s from PostgreSQL alone.
 * Their history stays theirs: list, open and export answer 200; new sends answer 403.
 */
describe('chat switched off for a user while a reply runs', () => {
  let t: TestApp;
  let user: SignedIn;
  let adminToken: string;
  let cohortId: string;
  beforeAll(async () => {
    t = await startTestApp();
    user = await signUp(t.app);
    ({ adminToken, cohortId } = await openChatFor(t.app, [user.user.id]));
  });
  afterAll(() => t?.close());
  afterEach(async () => {
    await t.model.control.reset();
    await openChatFor(t.app, [user.user.id]);
  });

  const admin = () => bearer(adminToken);

  /** Starts a long reply, switches chat off with `switchOff`, and checks how the reply ended. */
  async function switchedOff(switchOff: () => Promise<unknown>, withinMs: number, heard = true) {
    await t.model.control.setScenario({ chunks: 1_000, chunkGapMs: 20 });
    const id = await newSession(t.app, user.accessToken);
    const { sse, replyId } = await sendStreaming(t.app, user.accessToken, id);
    await sse.waitFor('message.delta', 2);
    const started = performance.now();
    await switchOff();
    const sent = await toEnd(sse);
    const elapsed = performance.now() - started;
    expect(sent.at(-1)).toMatchObject({
      event: 'message.completed',
      data: { status: 'cancelled', errorCode: 'feature_disabled', content: deltasOf(sent) },
    });
    expect(elapsed).toBeLessThan(withinMs);
    const [upstream] = await waitForRequests(t.model.control, (r) => r[0]?.aborted === true);
    expect(upstream!.chunksSent).toBeLessThan(1_000);

    if (heard) {
      // The request path's few-second cache of the flag was dropped by the same change event.
      const send = await request(t.app)
        .post(sendPath(id))
        .set(bearer(user.accessToken))
        .send({ content: 'More?' });
      expect(send.status).toBe(403);
      expect(send.body.code).toBe('feature_disabled');
    }
    // The history stays the user's own.
    const list = await request(t.app).get('/api/v1/chat/sessions').set(bearer(user.accessToken));
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(await storedReply(t.app, user.accessToken, id, replyId)).toMatchObject({ status: 'cancelled' });
    const exported = await request(t.app)
      .get(`/api/v1/chat/sessions/${id}/export?format=json`)
      .set(bearer(user.accessToken));
    expect(exported.status).toBe(200);
  }

  it('removal from the audience (the cohort that opened chat) stops the reply within 5 s', async () => {
    await switchedOff(async () => {
      const res = await request(t.app)
        .delete(`/api/v1/admin/cohorts/${cohortId}/members/${user.user.id}`)
        .set(admin());
      expect(res.status).toBe(204);
    }, 5_000);
  });

  it('the kill switch (the flag turned off) stops the reply within 5 s', async () => {
    await switchedOff(async () => {
      const flag = (await request(t.app).get('/api/v1/admin/features/chat').set(admin())).body;
      const res = await request(t.app)
        .put('/api/v1/admin/features/chat')
        .set(admin())
        .send({ enabled: false, audience: flag.audience });
      expect(res.status).toBe(200);
    }, 5_000);
  });

  it('a switch-off that no instance hears (written straight to PostgreSQL) still stops the reply: it re-reads the flag every 5 s', async () => {
    await switchedOff(
      () => sql`update feature_flags set enabled = false where key = 'chat'`.execute(t.ctx.database.db),
      // At most one period of 5 s, plus the read and the end of the reply.
      6_500,
      false,
    );
  });
});
