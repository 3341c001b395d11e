import { Router } from 'express';
import type { CheckReadiness } from '../application/operations/check-readiness.use-case.js';

/**
 * Liveness, readiness and metrics: outside /api, no auth, for load balancers and Prometheus.
 * Readiness answers 503 when the database is down (see CheckReadiness), and from the moment
 * the instance starts shutting down, so the load balancer sends nothing new its way.
 */
export function opsRouter(deps: {
  readiness: () => CheckReadiness;
  metricsText: () => Promise<{ contentType: string; body: string }>;
  shuttingDown?: () => boolean;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.shuttingDown?.()) {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'down', reason: 'shutting_down' });
      return;
    }
    const readiness = await deps.readiness().execute();
    res
      .status(readiness.status === 'down' ? 503 : 200)
      .set('Cache-Control', 'no-store')
      .json(readiness);
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await deps.metricsText();
    res.set('Cache-Control', 'no-store').type(contentType).send(body);
  });
  return router;
}
