import type { Express } from 'express';
import request from 'supertest';

export interface SpecRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** With every {param} filled with a well-formed id, so only the gate can answer. */
  url: string;
  template: string;
  /** The scopes of its `jwt` security requirement (e.g. `feature:chat`); empty when it has none. */
  scopes: string[];
}

/** Every operation of the served OpenAPI document under a prefix, e.g. "/chat" or "/admin". */
export async function specRoutes(app: Express, prefix: string): Promise<SpecRoute[]> {
  const spec = (await request(app).get('/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, { security?: { jwt?: string[] }[] }>>;
  };
  return Object.entries(spec.paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m): m is SpecRoute['method'] => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({
          method,
          template: path,
          scopes: operations[method]?.security?.flatMap((requirement) => requirement.jwt ?? []) ?? [],
          url: `/api/v1${path.replace(/\{[^}]+\}/g, '018f0000-0000-7000-8000-00000000beef')}`,
        })),
    );
}

export function call(app: Express, route: SpecRoute, token: string) {
  const req = request(app)[route.method](route.url).set('Authorization', `Bearer ${token}`);
  return route.method === 'get' || route.method === 'delete' ? req : req.send({});
}
