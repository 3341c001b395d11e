import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const NOT_SPA = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/**
 * The built frontend from the same origin: hashed assets cached for a year, everything else
 * that looks like a page gets index.html (client-side routing). /api and the ops paths never
 * fall back, so an unknown API route still answers problem+json 404.
 */
export function spaRouter(distDir: string): Router | undefined {
  const indexHtml = path.join(distDir, 'index.html');
  if (!existsSync(indexHtml)) return undefined;
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get('/{*splat}', (req, res, next) => {
    if (NOT_SPA.test(req.path) || !req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(indexHtml);
  });
  return router;
}
