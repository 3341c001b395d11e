import type { RequestHandler } from 'express';
import typeIs from 'type-is';
import { HttpProblem } from './problem-details.js';

/**
 * express.json() silently skips bodies of other types, which would reach validation as "no
 * body" and answer a misleading 422. A request that carries a body must say it is JSON.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (
    typeIs.hasBody(req) &&
    Number(req.headers['content-length'] ?? 1) > 0 &&
    !typeIs(req, ['application/json', 'application/*+json'])
  ) {
    next(
      new HttpProblem(
        'unsupported_media_type',
        `Send the body as application/json (got ${req.headers['content-type'] ?? 'no Content-Type'}).`,
      ),
    );
    return;
  }
  next();
};
