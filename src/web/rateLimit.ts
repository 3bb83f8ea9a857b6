import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import { tooManyRequests } from './errors.js';

/**
 * At most `limit` requests per network address per window, then 429 in the user's
 * language. Counters live in this process (several processes each count their own).
 * Keep limits generous: Indonesian mobile carriers put many phones behind one address.
 */
export function perAddress(windowMinutes: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}

/**
 * The limits that span several routers, one instance each so that switching channel
 * (form or API) does not get around them.
 */
export interface Limiters {
  /** New reports and new messages, from the form and the API together. */
  intake: RequestHandler;
  /** Opening a report with its secret: 80-bit secrets, but nobody needs hundreds of tries. */
  tracking: RequestHandler;
}

export function createLimiters(config: Config): Limiters {
  return {
    intake: perAddress(60, config.intake.ipLimitPerHour),
    tracking: perAddress(15, 120),
  };
}
