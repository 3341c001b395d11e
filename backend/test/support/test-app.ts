import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { Container } from 'inversify';
import type { DestinationStream } from 'pino';
import { closeAppContext, createAppContext, type AppContext } from '../../src/app-context.js';
import { createApp, type AppOptions } from '../../src/app.js';
import { buildContainer } from '../../src/container.js';
import { loadConfig } from '../../src/infrastructure/config/load-config.js';
import { prepareInstance } from '../../src/prepare-instance.js';
import { ReplyTransport } from '../../src/infrastructure/replies/reply-transport.js';
import type { ContainerOverrides } from '../../src/container.js';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './test-database.js';
import {
  startFakeModelServer,
  type FakeModelServer,
} from '../../src/infrastructure/llm/fake/fake-model-server.js';

export const TEST_ADMIN = { email: 'admin@parley.local', password: 'admin-password-for-tests' };
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  readonly app: Express;
  readonly ctx: AppContext;
  readonly container: Container;
  readonly databaseUrl: string;
  /** The OpenAI-compatible fake this app talks to, over real HTTP; steer it with `.control`. */
  readonly model: FakeModelServer;
  close(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  /** Extra environment, as an operator would set it. */
  env?: Record<string, string>;
  /** Share a database (e.g. two instances); by default each app gets a fresh one. */
  databaseUrl?: string;
  /** Share a Redis key space between instances; by default each app gets its own prefix. */
  redisKeyPrefix?: string;
  /** false: skip migrations and the admin bootstrap (a database that is not there). */
  migrate?: boolean;
  overrides?: ContainerOverrides;
  /** Share a fake model between instances; by default each app gets its own. */
  model?: FakeModelServer;
  logDestination?: DestinationStream;
}

/**
 * The real app wired by the real container, on the real PostgreSQL and Redis: what HTTP tests
 * drive with supertest. Configuration goes through loadConfig, exactly as in production.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  let ownDatabase: TestDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    ownDatabase = await createTestDatabase('http');
    databaseUrl = ownDatabase.url;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-test-'));
  const model = options.model ?? (await startFakeModelServer());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: options.redisKeyPrefix ?? `parley-test:${randomBytes(4).toString('hex')}:`,
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_PASSWORD: 'admin-password-for-tests',
    LOG_LEVEL: options.logDestination ? 'debug' : 'silent',
    FEATURE_CHAT_ENABLED: 'true',
    SAMBANOVA_API_BASE: model.url,
    SAMBANOVA_API_KEY: 'test-key',
    SAMBANOVA_MODEL: 'fake-model',
    ...options.env,
  });
  const ctx = createAppContext(config, { logDestination: options.logDestination });
  const container = buildContainer(ctx, options.overrides);
  if (options.migrate !== false) await prepareInstance(ctx, container);
  const app = createApp(ctx, container, {
    frontendDist: options.frontendDist ?? path.join(dataDir, 'no-frontend'),
  });
  return {
    app,
    ctx,
    container,
    databaseUrl,
    model,
    async close() {
      await container.get(ReplyTransport).close();
      await closeAppContext(ctx);
      if (!options.model) await model.close();
      await ownDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
