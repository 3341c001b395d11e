import type { Request } from 'express';
import type { Container } from 'inversify';
import { AuthenticateAccessToken } from '../application/identity/authenticate-access-token.use-case.js';
import type { AuthenticatedUser } from '../application/identity/authenticated-user.js';
import { requestContext } from './request-context.js';
import { RequireFeature } from '../application/rollout/require-feature.use-case.js';
import { Forbidden } from '../domain/identity/identity-errors.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by tsoa after expressAuthentication succeeds. */
      user?: AuthenticatedUser;
    }
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * tsoa's authentication module for `@Security('jwt', [scopes])`. Scopes: `admin` (the role),
 * and `feature:<key>` (the rollout gate: 403 feature_disabled when the flag is off for the
 * caller). tsoa runs this before validating the request, which gives API.md's check order:
 * authentication, then the feature flag, then validation; nothing else runs for a caller
 * without the feature. Errors go to the one error middleware.
 */
export async function expressAuthentication(
  request: Request,
  securityName: string,
  scopes: string[] = [],
): Promise<AuthenticatedUser> {
  if (securityName !== 'jwt') throw new Error(`Unknown security scheme ${securityName}`);
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const container = request.app.locals.container as Container;
  const user = await container.get(AuthenticateAccessToken).execute(token);
  const ctx = requestContext.getStore();
  if (ctx) ctx.userId = user.id;
  if (scopes.includes('admin') && user.role !== 'admin')
    throw new Forbidden('This route is for administrators.');
  for (const scope of scopes) {
    if (scope.startsWith('feature:'))
      await container.get(RequireFeature).execute(user, scope.slice('feature:'.length));
  }
  return user;
}

/** The caller on a route behind @Security (tsoa guarantees it is set there). */
export function caller(request: Request): AuthenticatedUser {
  if (!request.user) throw new Error('caller() used on a route without @Security');
  return request.user;
}
