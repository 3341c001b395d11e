import type { RequestHandler, Response } from 'express';
import type { Container } from 'inversify';
import { GetChatQuota } from '../application/limits/get-chat-quota.use-case.js';
import type { Clock } from '../application/ports/clock.js';
import type { DailyQuotaStatus, RateWindowStatus } from '../domain/limits/limit-status.js';
import { epochSeconds } from '../domain/limits/utc-windows.js';

export const HTTP_CLOCK = Symbol.for('parley.HttpClock');

const until = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));

/**
 * The limit headers of the send route: the legacy X-RateLimit-* and X-Daily-Quota-* fields
 * (reset as epoch seconds) and the IETF draft's structured `RateLimit-Policy` and `RateLimit`
 * (remaining `r` and seconds to reset `t` per named policy). Admins are unlimited: no headers.
 */
export function setLimitHeaders(res: Response, limits: { rate: RateWindowStatus; daily: DailyQuotaStatus }, now: Date): void {
  const { rate, daily } = limits;
  res.setHeader('X-RateLimit-Limit', String(rate.limit));
  res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
  res.setHeader('X-RateLimit-Reset', String(epochSeconds(rate.resetAt)));
  res.setHeader('X-Daily-Quota-Limit', String(daily.limit));
  res.setHeader('X-Daily-Quota-Remaining', String(daily.remaining));
  res.setHeader('X-Daily-Quota-Reset', String(epochSeconds(daily.resetAt)));
  res.setHeader('RateLimit-Policy', `"minute";q=${rate.limit};w=60, "day";q=${daily.limit};w=86400`);
  res.setHeader('RateLimit', `"minute";r=${rate.remaining};t=${until(rate.resetAt, now)}, "day";r=${daily.remaining};t=${until(daily.resetAt, now)}`);
}

/**
 * Runs on the send route after authentication and the feature flag (tsoa @Middlewares), before
 * validation: every answer from there on carries the caller's current numbers, 422s and 409s
 * included. Reading them consumes nothing; if the quota store cannot be read, the request goes
 * on without headers (the send itself will then answer for the quota).
 */
export const limitHeaders: RequestHandler = async (req, res, next) => {
  const user = req.user;
  if (!user) return next();
  const container = req.app.locals.container as Container;
  try {
    const view = await container.get(GetChatQuota).execute({ userId: user.id, role: user.role });
    if (!view.unlimited) setLimitHeaders(res, { rate: view.rateLimit, daily: view.dailyQuota }, container.get<Clock>(HTTP_CLOCK).now());
  } catch {
    // No numbers to show; the send's own quota check decides.
  }
  next();
};
