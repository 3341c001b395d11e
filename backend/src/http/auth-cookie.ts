import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';

export const AUTH_COOKIE_SETTINGS = Symbol.for('parley.AuthCookieSettings');

export interface AuthCookieSettings {
  /** Secure outside development (TLS in front); plain-HTTP development would drop it otherwise. */
  readonly secure: boolean;
}

export const REFRESH_COOKIE = 'parley_refresh';
// Only the auth routes ever see the refresh token; no other request carries it.
const COOKIE_PATH = '/api/v1/auth';

export function setRefreshCookie(
  res: Response,
  token: string,
  expiresAt: Date,
  settings: AuthCookieSettings,
): void {
  const options: CookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secure,
    path: COOKIE_PATH,
    expires: expiresAt,
  };
  res.cookie(REFRESH_COOKIE, token, options);
}

export function clearRefreshCookie(res: Response, settings: AuthCookieSettings): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secure,
    path: COOKIE_PATH,
  });
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[REFRESH_COOKIE] || undefined : undefined;
}
