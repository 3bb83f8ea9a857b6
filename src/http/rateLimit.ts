import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { tooManyRequests } from '../shared/errors.js';
import { BATCH_MS, DatabaseRateLimitStore } from './rateLimitStore.js';

/**
 * Where one limit keeps its counters, by the limit's name: in the database, shared by
 * every app process (config.rateLimitStore 'database', the default with DATABASE_URL),
 * or in this process (undefined: express-rate-limit's MemoryStore, the default on PGlite,
 * which is one process anyway). Names must differ between limits: a name is a counter.
 * In the database, hits after a window's first reach the shared count in batches (at most
 * BATCH_MS later, rateLimitStore.ts), unless the limit is `exact`: every hit at once.
 */
export type LimitStores = (name: string, options?: { exact?: boolean }) => Store | undefined;

export function limitStores(config: Pick<Config, 'rateLimitStore'>, db: Db): LimitStores {
  return config.rateLimitStore === 'database' ? (name, options) => new DatabaseRateLimitStore(db, `${name}:`, options?.exact ? 0 : BATCH_MS) : () => undefined;
}

/**
 * At most `limit` requests per network address per window, then 429 in the user's
 * language. Keep limits generous: Indonesian mobile carriers put many phones behind one
 * address.
 */
export function perAddress(name: string, windowMinutes: number, limit: number, stores: LimitStores, options?: { exact?: boolean }): RequestHandler {
  const store = stores(name, options);
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(store ? { store } : {}),
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
  /** "Kirim ulang tautan": each request may put a mail in a citizen's inbox. */
  resend: RequestHandler;
}

export function createLimiters(config: Config, db: Db): Limiters {
  const stores = limitStores(config, db);
  return {
    intake: perAddress('intake', 60, config.intake.ipLimitPerHour, stores),
    tracking: perAddress('tracking', 15, config.intake.trackingLimitPer15Minutes, stores),
    resend: perAddress('tracking-resend', 60, config.intake.resendLimitPerHour, stores),
  };
}
