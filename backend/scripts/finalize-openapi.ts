/*
 * Runs right after `tsoa spec-and-routes` (pnpm run generate). tsoa cannot express a few
 * things API.md promises; this adds them to the generated document, so that the served spec,
 * Swagger UI and the frontend's generated types all say what the server does:
 *   - every error response is application/problem+json (tsoa writes application/json);
 *   - Problem carries extension members (retryAfterSeconds, limit, remaining, resetAt, ...);
 *   - 429 and 503 answers declare Retry-After; the send route declares its limit headers;
 *   - operation ids are unique (generated client types are keyed by them): duplicates fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of an OpenAPI 3 document this script reads and changes; the rest passes through. */
interface OpenApiResponse {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}
interface OpenApiOperation {
  operationId?: string;
  responses?: Record<string, OpenApiResponse>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Record<string, unknown>> };
}

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/http/generated/openapi.json');
const spec = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;

const header = (description: string, type: 'integer' | 'string' = 'integer') => ({
  description,
  schema: { type },
});
const RETRY_AFTER = header('Seconds to wait before trying again (never earlier than the reset).');
const LIMIT_HEADERS = {
  'X-RateLimit-Limit': header('Sends allowed per minute.'),
  'X-RateLimit-Remaining': header('Sends left in this minute.'),
  'X-RateLimit-Reset': header('When the minute window resets, in epoch seconds.'),
  'X-Daily-Quota-Limit': header('Messages allowed per UTC day.'),
  'X-Daily-Quota-Remaining': header('Messages left today.'),
  'X-Daily-Quota-Reset': header('The next UTC midnight, in epoch seconds.'),
  'RateLimit-Policy': header(
    'IETF draft: the policies, e.g. "minute";q=10;w=60, "day";q=100;w=86400',
    'string',
  ),
  RateLimit: header('IETF draft: remaining (r) and seconds to reset (t) per policy.', 'string'),
};

const problem = spec.components?.schemas?.Problem;
if (problem) problem.additionalProperties = true;

const seen = new Map<string, string>();
for (const [route, operations] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(operations)) {
    const where = `${method.toUpperCase()} ${route}`;
    if (operation.operationId) {
      const other = seen.get(operation.operationId);
      if (other)
        throw new Error(
          `operationId "${operation.operationId}" is used by ${other} and ${where}: give one of them a unique method name`,
        );
      seen.set(operation.operationId, where);
    }
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const code = Number(status);
      if (code >= 400 && response.content?.['application/json']) {
        response.content = { 'application/problem+json': response.content['application/json'] };
      }
      if (code === 429 || code === 503)
        response.headers = { ...response.headers, 'Retry-After': RETRY_AFTER };
    }
    if (route === '/chat/sessions/{id}/messages' && method === 'post') {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (status !== '401' && status !== '403')
          response.headers = { ...response.headers, ...LIMIT_HEADERS };
      }
    }
  }
}

writeFileSync(file, `${JSON.stringify(spec, null, '\t')}\n`);
