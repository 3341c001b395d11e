import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/test-database.js';
import { listeningUrl, spawnServer } from '../support/spawn-server.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'parley-spawn-'));

// Each test starts a real Node process that compiles the server with tsx: seconds of CPU on a
// loaded two-core machine. The budget is for that start, not a timing assertion.
describe('start-up refuses bad configuration', { timeout: 90_000 }, () => {
  it.each([
    ['JWT_SECRET', 'short'],
    ['DATABASE_URL', 'definitely not a url'],
  ])('exits non-zero naming %s', async (variable, value) => {
    const server = spawnServer({ NODE_ENV: 'test', DATA_DIR: dataDir(), [variable]: value });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`${variable}:`);
    expect(server.stderr()).toContain('Parley did not start');
  });

  it('exits non-zero in production without the required secrets', async () => {
    const server = spawnServer({ NODE_ENV: 'production', DATA_DIR: dataDir() });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('JWT_SECRET: is required in production');
    expect(server.stderr()).toContain('SAMBANOVA_API_KEY: is required in production');
  });
});

describe('graceful shutdown', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('shutdown');
  });
  afterAll(() => database?.drop());

  it(
    'on SIGTERM stops accepting, lets the in-flight request finish, then exits 0',
    { timeout: 90_000 },
    async () => {
      const server = spawnServer({
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: dataDir(),
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'info',
      });
      const url = new URL(await listeningUrl(server));

      // An upload still in progress is an in-flight request. `Expect: 100-continue` makes the
      // server confirm it has parsed the headers before we signal, so nothing here races.
      let sendRest: () => void = () => {};
      const accepted = new Promise<void>((resolve) => (sendRest = resolve));
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: '/api/v1/config',
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Content-Length': '9', Expect: '100-continue' },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.on('continue', () => {
          req.write('{"a":');
          sendRest();
        });
        req.flushHeaders();
        const finish = setInterval(() => {
          if (server.stdout().includes('shutting down')) {
            clearInterval(finish);
            req.end('"b"}');
          }
        }, 10);
      });
      await accepted;
      server.child.kill('SIGTERM');

      const res = await answer.catch((error: Error) => {
        throw new Error(
          `${error.message}\n--- server stdout ---\n${server.stdout()}\n--- server stderr ---\n${server.stderr()}`,
        );
      });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body).code).toBe('not_found');
      expect(await server.exited).toBe(0);
      expect(server.stdout()).toContain('"msg":"stopped"');
    },
  );
});
