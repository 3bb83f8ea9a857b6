import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { LimitStores } from '../http/rateLimit.js';
import { tooManyRequests } from '../shared/errors.js';

/**
 * Limits on POST requests. An Open311 client is usually a server posting for many
 * citizens from one address, so the per-address limit is wide (it stops floods and key
 * guessing) and the real bound is per key. Counters live where http/rateLimit.ts says
 * (shared by all processes on a server database). Refusals reach the Open311 error
 * handler as 429 in the spec's format.
 */
export const POSTS_PER_ADDRESS_PER_HOUR = 600;
export const POSTS_PER_KEY_PER_HOUR = 300;

export function perAddressLimit(stores: LimitStores): RequestHandler {
  const store = stores('open311-address');
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: POSTS_PER_ADDRESS_PER_HOUR,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}

/** After requireApiKey: counts per client, whatever address it posts from. */
export function perKeyLimit(stores: LimitStores): RequestHandler {
  const store = stores('open311-key');
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: POSTS_PER_KEY_PER_HOUR,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    keyGenerator: (_req, res) => `open311-client:${res.locals.open311Client!.id}`,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}
