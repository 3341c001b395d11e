import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/*
 * The whole stack for e2e, as production runs it: the built backend serving the built frontend,
 * against the real PostgreSQL (a fresh database) and Redis, talking to the project's fake
 * OpenAI-compatible model over HTTP. Small limits so the quota journey can reach them.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const backendDist = path.join(repo, 'backend/dist/backend/src');
const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const E2E_ADMIN = { email: 'admin@parley.local', password: 'e2e-admin-password-123' };
export const E2E_DAILY_QUOTA = 5;

export interface Stack {
  baseURL: string;
  modelURL: string;
  stop(): Promise<void>;
}

function run(
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => string | undefined,
): Promise<{ child: ChildProcess; value: string }> {
  const child = spawn(process.execPath, ['--enable-source-maps', ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      for (const line of output.split('\n')) {
        const value = ready(line);
        if (value) {
          child.stdout!.off('data', onData);
          // Keep draining, or a full pipe would block the server.
          child.stdout!.resume();
          return resolve({ child, value });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) =>
      reject(new Error(`${path.basename(args[0]!)} exited with ${code}:\n${output}`)),
    );
  });
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function startStack(): Promise<Stack> {
  for (const built of ['main.js', 'infrastructure/llm/fake/fake-model-server.cli.js']) {
    if (!existsSync(path.join(backendDist, built)))
      throw new Error(`backend is not built (${built}): run make build`);
  }
  if (!existsSync(path.join(repo, 'frontend/dist/index.html')))
    throw new Error('frontend is not built: run make build');

  const database = `parley_e2e_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database "${database}"`));
  const databaseUrl = Object.assign(new URL(adminDatabaseUrl), { pathname: `/${database}` }).toString();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-e2e-'));

  const model = await run(
    [
      path.join(backendDist, 'infrastructure/llm/fake/fake-model-server.cli.js'),
      '--port',
      '0',
      '--chunk-gap-ms',
      '15',
    ],
    {},
    (line) => (line.startsWith('http') ? line.trim() : undefined),
  );
  const server = await run(
    [path.join(backendDist, 'main.js')],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `${database}:`,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      SAMBANOVA_API_BASE: model.value,
      SAMBANOVA_API_KEY: 'e2e',
      SAMBANOVA_MODEL: 'e2e-model',
      FEATURE_CHAT_ENABLED: 'true',
      CHAT_DAILY_MESSAGE_QUOTA: String(E2E_DAILY_QUOTA),
      CHAT_RATE_LIMIT_PER_MINUTE: '30',
      LLM_TIMEOUT_MS: '5000',
      LLM_CIRCUIT_FAILURES: '50',
      LOG_LEVEL: 'info',
    },
    (line) =>
      line.startsWith('{') && line.includes('"Parley is listening"')
        ? (JSON.parse(line) as { url: string }).url
        : undefined,
  );

  return {
    baseURL: server.value,
    modelURL: model.value,
    async stop() {
      for (const child of [server.child, model.child]) {
        if (child.exitCode !== null) continue;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await admin((c) => c.query(`drop database if exists "${database}" with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
