import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';

export interface SignedIn {
  readonly accessToken: string;
  /** The `parley_refresh=...` pair, ready for a Cookie header. */
  readonly refreshCookie: string;
  readonly user: { id: string; email: string; displayName: string; role: string };
  readonly password: string;
}

export function refreshCookieOf(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('parley_refresh='));
  expect(cookie, 'a parley_refresh cookie').toBeDefined();
  return cookie!.split(';')[0]!;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

/** Signs up a fresh user through the real API. */
export async function signUp(
  app: Express,
  fields: { email?: string; password?: string; displayName?: string } = {},
): Promise<SignedIn> {
  const password = fields.password ?? 'a-long-enough-password';
  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ email: fields.email ?? uniqueEmail(), password, displayName: fields.displayName ?? 'Test User' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    accessToken: res.body.accessToken,
    refreshCookie: refreshCookieOf(res),
    user: res.body.user,
    password,
  };
}

export async function signIn(app: Express, email: string, password: string): Promise<SignedIn> {
  const res = await request(app).post('/api/v1/auth/login').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return {
    accessToken: res.body.accessToken,
    refreshCookie: refreshCookieOf(res),
    user: res.body.user,
    password,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
