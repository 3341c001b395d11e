import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Container } from 'inversify';
import type { AppContext } from './app-context.js';
import { GetChatQuota } from './application/limits/get-chat-quota.use-case.js';
import { CheckReadiness } from './application/operations/check-readiness.use-case.js';
import { findRepoRoot } from './infrastructure/config/repo-root.js';
import { requestContext } from './http/request-context.js';
import { docsRouter } from './http/docs.routes.js';
import { errorMiddleware, notFoundHandler } from './http/error.middleware.js';
import { RegisterRoutes } from './http/generated/routes.js';
import { provideChatQuota } from './http/limit-headers.js';
import openApiSpec from './http/generated/openapi.json' with { type: 'json' };
import { opsRouter } from './http/ops.routes.js';
import { requireJsonBody } from './http/require-json.middleware.js';
import { spaRouter } from './http/spa.routes.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface AppOptions {
  /** The built frontend; defaults to <repo>/frontend/dist. */
  frontendDist?: string;
}

/** Builds the express app for one instance. main.ts listens; tests hand it to supertest. */
export function createApp(ctx: AppContext, container: Container, options: AppOptions = {}): Express {
  const { config, logger, metrics } = ctx;
  const app = express();
  app.locals.container = container;
  app.locals.shuttingDown = false;
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);

  // Request id first, so every later line (and the problem body) can name it.
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      // Never headers or bodies: they carry tokens, cookies and passwords.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url, ip: req.ip ?? req.socket?.remoteAddress }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      wrapSerializers: false,
    }),
  );
  app.use(((req, _res, next) =>
    requestContext.run({ requestId: String(req.id) }, next)) satisfies RequestHandler);
  app.use(((req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      // The route pattern, never the raw URL: ids in paths would explode the label set.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ route, status_code: String(res.statusCode) });
    });
    if (app.locals.shuttingDown) res.setHeader('Connection', 'close');
    next();
  }) satisfies RequestHandler);

  app.use(
    helmet({
      // TLS is terminated in front of Parley; upgrading requests would break plain-HTTP installs.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      strictTransportSecurity: config.isProduction,
    }),
  );
  if (config.http.corsOrigins.length > 0) {
    app.use(
      '/api',
      cors({
        origin: config.http.corsOrigins,
        credentials: true,
        exposedHeaders: ['X-Request-Id', 'Retry-After'],
      }),
    );
  }

  app.use(
    opsRouter({
      readiness: () => container.get(CheckReadiness),
      metricsText: async () => ({
        contentType: metrics.registry.contentType,
        body: await metrics.registry.metrics(),
      }),
      shuttingDown: () => app.locals.shuttingDown === true,
    }),
  );
  app.use(docsRouter(openApiSpec));

  app.use('/api', requireJsonBody, express.json({ limit: config.http.maxBodyBytes }));
  app.use('/api', provideChatQuota(container.get(GetChatQuota)));
  RegisterRoutes(app);
  app.use('/api', notFoundHandler);

  const spa = spaRouter(
    options.frontendDist ?? path.join(findRepoRoot() ?? process.cwd(), 'frontend', 'dist'),
  );
  if (spa) app.use(spa);
  else logger.warn({}, 'frontend/dist not found: serving the API only (run `make build`)');

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger, { exposeStack: config.env === 'development' }));
  return app;
}
