import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signUp, type SignedIn } from '../support/auth-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { testCalendar, writeTimeZoneProbe } from '../integration/limits/limits-test-kit.js';

// time-zone.test.ts runs this file again under TZ=America/Los_Angeles.
afterAll(writeTimeZoneProbe);

describe('the daily quota resets at UTC midnight, over HTTP', () => {
  const calendar = testCalendar();
  const clock = new TestClock(calendar.at('23:59:58.000'));
  let t: TestApp;
  let user: SignedIn;
  beforeAll(async () => {
    t = await startTestApp({
      overrides: { clock },
      env: { CHAT_DAILY_MESSAGE_QUOTA: '2', CHAT_RATE_LIMIT_PER_MINUTE: '100' },
    });
    user = await signUp(t.app);
    await openChatFor(t.app, [user.user.id]);
  });
  afterAll(() => t?.close());

  const send = async () => {
    const id = (await request(t.app).post('/api/v1/chat/sessions').set(bearer(user.accessToken)).send({}))
      .body.id;
    return request(t.app)
      .post(`/api/v1/chat/sessions/${id}/messages`)
      .set(bearer(user.accessToken))
      .send({ content: 'Hi' });
  };

  it('the last unit at 23:59:59.9 leaves Retry-After 1; at 00:00:00.1 the quota is full again', async () => {
    expect((await send()).status).toBe(200);
    clock.set(calendar.at('23:59:59.900'));
    const last = await send();
    expect(last.status).toBe(200);
    expect(last.headers['x-daily-quota-remaining']).toBe('0');
    expect(Number(last.headers['x-daily-quota-reset'])).toBe(calendar.at('00:00:00.000', 1).getTime() / 1000);

    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('quota_exceeded');
    expect(refused.headers['retry-after']).toBe('1');

    clock.set(calendar.at('00:00:00.100', 1));
    const quota = (await request(t.app).get('/api/v1/chat/quota').set(bearer(user.accessToken))).body;
    expect(quota.dailyQuota).toMatchObject({
      limit: 2,
      used: 0,
      remaining: 2,
      resetAt: calendar.at('00:00:00.000', 2).toISOString(),
    });
    expect((await send()).status).toBe(200);
  });
});
