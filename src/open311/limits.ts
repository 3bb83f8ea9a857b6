import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { tooManyRequests } from '../web/errors.js';

/**
 * Limits on POST requests. An Open311 client is usually a server posting for many
 * citizens from one address, so the per-address limit is wide (it stops floods and key
 * guessing) and the real bound is per key. Counters live in this process, like
 * web/rateLimit.ts. Refusals reach the Open311 error handler as 429 in the spec's format.
 */
export const POSTS_PER_ADDRESS_PER_HOUR = 600;
export const POSTS_PER_KEY_PER_HOUR = 300;

export function perAddressLimit(): RequestHandler {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: POSTS_PER_ADDRESS_PER_HOUR,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}

/** After requireApiKey: counts per client, whatever address it posts from. */
export function perKeyLimit(): RequestHandler {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: POSTS_PER_KEY_PER_HOUR,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `open311-client:${res.locals.open311Client!.id}`,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}
