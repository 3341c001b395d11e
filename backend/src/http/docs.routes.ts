import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** Swagger UI at /api/docs and the raw OpenAPI document tsoa generated at build time. */
export function docsRouter(spec: object): Router {
  const router = Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use(
    '/api/docs',
    swaggerUi.serve,
    swaggerUi.setup(spec, {
      customSiteTitle: 'Parley API',
      swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
    }),
  );
  return router;
}
