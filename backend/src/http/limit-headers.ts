import type { RequestHandler, Response } from 'express';
import type { GetChatQuota } from '../application/limits/get-chat-quota.use-case.js';
import type { DailyQuotaStatus, RateWindowStatus } from '../domain/limits/limit-status.js';
import { epochSeconds } from '../domain/limits/utc-windows.js';

const until = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));

/**
 * The limit headers of the send route: the legacy X-RateLimit-* and X-Daily-Quota-* fields
 * (reset as epoch seconds) and the IETF draft's structured `RateLimit-Policy` and `RateLimit`
 * (remaining `r` and seconds to reset `t` per named policy). Admins are unlimited: no headers.
 */
function setLimitHeaders(
  res: Response,
  limits: { rate: RateWindowStatus; daily: DailyQuotaStatus },
  now: Date,
): void {
  const { rate, daily } = limits;
  res.setHeader('X-RateLimit-Limit', String(rate.limit));
  res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
  res.setHeader('X-RateLimit-Reset', String(epochSeconds(rate.resetAt)));
  res.setHeader('X-Daily-Quota-Limit', String(daily.limit));
  res.setHeader('X-Daily-Quota-Remaining', String(daily.remaining));
  res.setHeader('X-Daily-Quota-Reset', String(epochSeconds(daily.resetAt)));
  res.setHeader('RateLimit-Policy', `"minute";q=${rate.limit};w=60, "day";q=${daily.limit};w=86400`);
  res.setHeader(
    'RateLimit',
    `"minute";r=${rate.remaining};t=${until(rate.resetAt, now)}, "day";r=${daily.remaining};t=${until(daily.resetAt, now)}`,
  );
}

const PEEKED = Symbol('parley.peekedLimits');
const QUOTA = Symbol('parley.chatQuota');
type Peeked = Promise<{ rate: RateWindowStatus; daily: DailyQuotaStatus; now: Date } | undefined>;
type WithPeek = Response & { locals: { [PEEKED]?: Peeked; [QUOTA]?: GetChatQuota } };

/**
 * Installed by app.ts on /api with the use case the composition root built: hands it to
 * `limitHeaders`, which tsoa runs from a decorator and so cannot be given it directly.
 */
export function provideChatQuota(quota: GetChatQuota): RequestHandler {
  return (_req, res, next) => {
    (res as WithPeek).locals[QUOTA] = quota;
    next();
  };
}

/**
 * Runs on the send route after authentication and the feature flag (tsoa @Middlewares), before
 * validation: every answer from there on carries the caller's current numbers, 422s and 409s
 * included. Reading them consumes nothing, and it does not hold the request up: the read runs
 * beside the send's own checks, and only an answer that the send did not number itself (an
 * error, a replay) waits for it, in `settleLimitHeaders`. A send that goes through numbers its
 * answer from its own charge, which is newer. If the quota store cannot be read, the answer goes
 * out without these headers (the send itself then answers for the quota).
 */
export const limitHeaders: RequestHandler = (req, res, next) => {
  const user = req.user;
  if (!user) return next();
  const quota = (res as WithPeek).locals[QUOTA];
  if (!quota) return next(new Error('limitHeaders needs provideChatQuota on the app (app.ts)'));
  (res as WithPeek).locals[PEEKED] = quota.execute({ userId: user.id, role: user.role }).then(
    (view) => (view.unlimited ? undefined : { rate: view.rateLimit, daily: view.dailyQuota, now: view.at }),
    () => undefined,
  );
  next();
};

/** Sets the numbers read on the way in, unless the answer has newer ones (see `limitHeaders`). */
export async function settleLimitHeaders(res: Response): Promise<void> {
  const peeked = (res as WithPeek).locals[PEEKED];
  if (!peeked) return;
  delete (res as WithPeek).locals[PEEKED];
  const limits = await peeked;
  if (limits && !res.headersSent) setLimitHeaders(res, limits, limits.now);
}

/** The send took its unit: these numbers replace the ones read on the way in. */
export function setChargedLimitHeaders(
  res: Response,
  charge: { rate: RateWindowStatus; daily: DailyQuotaStatus; at: Date },
): void {
  delete (res as WithPeek).locals[PEEKED];
  setLimitHeaders(res, charge, charge.at);
}
