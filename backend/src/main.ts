import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Container } from 'inversify';
import { parseArgs } from 'node:util';
import { closeAppContext, createAppContext, type AppContext } from './app-context.js';
import { createApp } from './app.js';
import { buildContainer } from './container.js';
import { ConfigError, loadConfig, type Config } from './infrastructure/config/load-config.js';
import { prepareInstance } from './prepare-instance.js';
import { ReplyReaders } from './application/chat/send-message/reply-readers.js';
import { RunningReplies } from './application/chat/send-message/running-replies.js';
import { ReplyTransport } from './infrastructure/replies/reply-transport.js';
import { LiveFeeds } from './http/live-feeds.js';
import { DEMO_SCENARIO } from './infrastructure/llm/fake/fake-scenario.js';
import { startFakeModelServer } from './infrastructure/llm/fake/fake-model-server.js';
import { startJobs } from './start-jobs.js';

/*
 * Start-up: environment → config → resources → migrations → app → listen; SIGTERM/SIGINT stop
 * accepting, let in-flight requests finish within SHUTDOWN_TIMEOUT_MS, then close resources.
 *
 *   --dotenv PATH         read PATH when it exists; variables already set win over it
 *   --development-defaults  NODE_ENV=development and FEATURE_CHAT_ENABLED=true unless set
 *                           (what `make run` uses, after .env has been read)
 */
const { values: args } = parseArgs({
  options: { dotenv: { type: 'string' }, 'development-defaults': { type: 'boolean', default: false } },
});

if (args['dotenv'] && existsSync(args['dotenv'])) process.loadEnvFile(args['dotenv']);
if (args['development-defaults']) {
  process.env.NODE_ENV ||= 'development';
  process.env.FEATURE_CHAT_ENABLED ||= 'true';
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(
      `${error.message}\nParley did not start. Fix the variables above (see .env.example).\n`,
    );
    process.exit(1);
  }
  throw error;
}

// Without a model key (outside production) the built-in demo model answers: an
// OpenAI-compatible server in this process, on a loopback port, with no control API.
const demoModel = config.llm.demo
  ? await startFakeModelServer({ scenario: DEMO_SCENARIO, enableControl: false })
  : undefined;
const ctx: AppContext = createAppContext(config, { modelApiBase: demoModel?.url });
const { logger } = ctx;

/** Gives Redis a moment to connect before serving: with no offline queue, early commands would fail. */
async function redisReady(timeoutMs = 5_000): Promise<void> {
  const redis = ctx.redis;
  if (!redis || redis.status === 'ready') return;
  const ready = new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true)));
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  if (!(await Promise.race([ready, timeout]))) {
    logger.warn(
      {},
      'Redis is not answering yet: starting anyway (limits fall back, the daily quota fails closed until it does)',
    );
  }
}

async function start(): Promise<{ server: Server; app: Express; container: Container }> {
  await redisReady();
  const container = buildContainer(ctx);
  const prepared = await prepareInstance(ctx, container);
  if (prepared.migrations.length > 0) logger.info({ migrations: prepared.migrations }, 'database migrated');
  if (prepared.admin === 'created') logger.info({ email: config.auth.adminEmail }, 'first admin created');
  const app = createApp(ctx, container);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.server.port, config.server.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  logger.info(
    {
      url,
      env: config.env,
      database: ctx.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL',
      limiterStore: ctx.redis ? 'redis' : 'in-process',
      model: config.llm.demo ? `${config.llm.model} (demo model)` : config.llm.model,
      chatDeploymentEnabled: config.features.chatDeploymentEnabled,
    },
    'Parley is listening',
  );
  if (!ctx.redis) {
    logger.warn(
      {},
      'REDIS_URL is not set: rate limits and quotas live in this process, so run a single instance only',
    );
  }
  if (config.env === 'development') {
    // The demo login, in development only: production never prints a secret.
    const password = config.auth.adminPasswordGenerated ? config.auth.adminPassword : '(your ADMIN_PASSWORD)';
    process.stdout.write(
      `\n  Parley is running at ${url}\n  API docs: ${url}/api/docs\n  Admin login: ${config.auth.adminEmail} / ${password}\n\n`,
    );
  }
  return { server, app, container };
}

function installShutdown(server: Server, app: Express, container: Container): void {
  const jobs = startJobs(ctx, container);
  const replies = container.get(RunningReplies);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.locals.shuttingDown = true;
    // Live feeds never end on their own: close them now, so their clients reconnect elsewhere.
    container.get(LiveFeeds).closeAll();
    // So do the readers of replies (the sender's own stream included): they resume elsewhere
    // with their Last-Event-ID. Only the replies' runs are waited for, up to the deadline.
    container.get(ReplyReaders).closeAll();
    logger.info(
      { signal, deadlineMs: config.server.shutdownTimeoutMs },
      'shutting down: no new connections, finishing in-flight requests',
    );
    const deadline = setTimeout(() => {
      logger.warn(
        { replies: replies.size },
        'shutdown deadline reached: interrupting replies (saved as interrupted) and closing connections',
      );
      replies.interruptAll();
      server.closeAllConnections();
    }, config.server.shutdownTimeoutMs);
    deadline.unref();
    // Keep-alive connections whose request was in flight become idle only once it finishes;
    // close them as they do, or server.close() would wait for the client to hang up.
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    const release = async () => {
      clearInterval(reaper);
      // Every reply must be saved before the database goes away: they run on until they end, or
      // until the deadline interrupts them.
      await replies.drain();
      clearTimeout(deadline);
      await jobs.stop();
      await container.get(ReplyTransport).close();
      await demoModel?.close();
      await closeAppContext(ctx).catch((error: unknown) =>
        logger.error({ err: error }, 'error while closing resources'),
      );
      logger.info({}, 'stopped');
      process.exit(0);
    };
    server.close(() => {
      release().catch((error: unknown) => {
        logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

start()
  .then(({ server, app, container }) => installShutdown(server, app, container))
  .catch(async (error: unknown) => {
    logger.fatal({ err: error }, 'Parley failed to start');
    await closeAppContext(ctx).catch(() => {});
    process.exit(1);
  });
