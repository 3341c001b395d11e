import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveFeed } from '../support/live-feed-client.js';
import { listeningUrl, spawnServer } from '../support/spawn-server.js';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/test-database.js';

const SHUTDOWN_TIMEOUT_MS = 60_000;

describe('the live feed on shutdown', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('events-shutdown');
  });
  afterAll(() => database?.drop());

  // A real Node process that compiles the server with tsx: seconds of CPU on a loaded machine.
  // The budget is for that start; the feed itself must close long before the shutdown deadline.
  it(
    'on SIGTERM closes every open GET /events at once, then the server exits 0',
    { timeout: 90_000 },
    async () => {
      const server = spawnServer({
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'parley-spawn-')),
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: `parley-test:events-shutdown:${process.pid}:`,
        JWT_SECRET: TEST_JWT_SECRET,
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        LOG_LEVEL: 'info',
      });
      const url = await listeningUrl(server);
      const registered = await fetch(`${url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          email: 'feed@example.com',
          password: 'a-long-enough-password',
          displayName: 'Feed',
        }),
      });
      expect(registered.status).toBe(201);
      const { accessToken } = (await registered.json()) as { accessToken: string };
      const feeds = [await openLiveFeed(url, accessToken), await openLiveFeed(url, accessToken)];
      expect(feeds.map((feed) => feed.status)).toEqual([200, 200]);

      const signalled = Date.now();
      server.child.kill('SIGTERM');
      await Promise.all(feeds.map((feed) => feed.ended));
      const closedAfter = Date.now() - signalled;
      expect(await server.exited).toBe(0);
      expect(closedAfter).toBeLessThan(SHUTDOWN_TIMEOUT_MS / 2);
      expect(server.stdout()).not.toContain('shutdown deadline reached');
      expect(server.stdout()).toContain('"msg":"stopped"');
    },
  );
});
