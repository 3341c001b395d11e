import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../application/ports/logger.port.js';
import { settleLimitHeaders } from './limit-headers.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';

/**
 * The one error middleware: every error from every layer leaves as problem+json. Controllers
 * throw; they never translate. 5xx are logged with the cause; 4xx are the client's business.
 */
export function errorMiddleware(logger: Logger, options: { exposeStack: boolean }): ErrorRequestHandler {
  return async (error, req, res, _next) => {
    const { body, headers } = toProblem(error, options.exposeStack);
    body.requestId = String(req.id ?? '');
    if (res.headersSent) {
      // A stream already started: the status is gone, so only log and end the response.
      logger.error({ err: error }, 'error after the response started');
      if (!res.writableEnded) res.end();
      return;
    }
    if (body.status >= 500) logger.error({ err: error, code: body.code }, 'request failed');
    else logger.debug({ code: body.code, status: body.status }, 'request rejected');
    // First, so that the error's own headers (a 429's Retry-After and numbers) win.
    await settleLimitHeaders(res);
    if (res.headersSent) return;
    res.status(body.status);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (body.code === 'unauthenticated' && !res.hasHeader('WWW-Authenticate')) {
      // RFC 6750: say "invalid_token" when one was presented, so clients know to refresh.
      res.setHeader(
        'WWW-Authenticate',
        req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem('not_found', `No route matches ${req.method} ${req.originalUrl.split('?')[0]}.`));
};
