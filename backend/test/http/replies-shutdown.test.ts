import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForRequests } from '../../src/infrastructure/llm/fake/fake-model-control.client.js';
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../src/infrastructure/llm/fake/fake-model-server.js';
import { signUp, type SignedIn } from '../support/auth-helpers.js';
import {
  deltasOf,
  finalsOf,
  follow,
  newSession,
  sendStreaming,
  sharedInstanceEnv,
  storedReply,
  toEnd,
} from '../support/reply-helpers.js';
import { openChatFor } from '../support/rollout-helpers.js';
import { listeningUrl, spawnServer, type Spawned } from '../support/spawn-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const GRACE_MS = 1_500;

/*
 * SIGTERM (API.md): readers close at once (their clients resume elsewhere with Last-Event-ID),
 * running replies are awaited up to the grace period (SHUTDOWN_TIMEOUT_MS), and those still
 * running then end `interrupted` / `shutdown` with the text produced, with an error event (503)
 * for the readers on other instances. The instance is a real process; a second one in this
 * process (same PostgreSQL and Redis) looks at what it left.
 */
describe('shutdown with replies running', () => {
  let model: FakeModelServer;
  let other: TestApp;
  let server: Spawned;
  let url: string;
  let user: SignedIn;
  beforeAll(async () => {
    model = await startFakeModelServer();
    const prefix = `parley-test:${randomBytes(4).toString('hex')}:`;
    other = await startTestApp({ model, redisKeyPrefix: prefix });
    user = await signUp(other.app);
    await openChatFor(other.app, [user.user.id]);
    server = spawnServer({
      ...sharedInstanceEnv({
        databaseUrl: other.databaseUrl,
        redisKeyPrefix: prefix,
        modelUrl: model.url,
        dataDir: mkdtempSync(path.join(tmpdir(), 'parley-spawn-')),
      }),
      SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
    });
    url = await listeningUrl(server);
  }, 90_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await other?.close();
    await model?.close();
  });

  it(
    'closes readers at once, lets a reply that ends within the grace period complete, and interrupts the one still running after it',
    { timeout: 60_000 },
    async () => {
      const [shortSession, longSession] = await Promise.all(
        [1, 2].map(() => newSession(other.app, user.accessToken)),
      );
      await model.control.setScenario({ chunks: 10, chunkGapMs: 60, times: 1 });
      const short = await sendStreaming(url, user.accessToken, shortSession!);
      // The short scenario is taken when its request reaches the model: only then the long one.
      await waitForRequests(model.control, (requests) => requests.length === 1);
      await model.control.setScenario({ chunks: 2_000, chunkGapMs: 20 });
      const long = await sendStreaming(url, user.accessToken, longSession!);
      const reader = await follow(url, user.accessToken, longSession!, long.replyId);
      await Promise.all([long.sse.waitFor('message.delta', 2), reader.waitFor('message.delta', 2)]);
      const elsewhere = await follow(other.app, user.accessToken, longSession!, long.replyId);

      server.child.kill('SIGTERM');
      // The readers on the stopping instance end now, without a final event.
      const closed = await Promise.all([toEnd(reader), toEnd(long.sse), toEnd(short.sse)]);
      for (const events of closed) expect(finalsOf(events)).toEqual([]);
      expect(await server.exited).toBe(0);
      expect(server.stdout()).toContain('shutdown deadline reached');

      expect(await storedReply(other.app, user.accessToken, shortSession!, short.replyId)).toMatchObject({
        status: 'complete',
      });
      const ended = await toEnd(elsewhere);
      expect(finalsOf(ended)).toHaveLength(1);
      expect(ended.at(-1)).toMatchObject({
        event: 'error',
        data: { status: 503, code: 'service_unavailable', reason: 'shutdown' },
      });
      expect(await storedReply(other.app, user.accessToken, longSession!, long.replyId)).toMatchObject({
        status: 'interrupted',
        errorCode: 'shutdown',
        content: deltasOf(ended),
      });
    },
  );
});
