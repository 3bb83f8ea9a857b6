import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { uploadMiddleware } from '../attachments/upload.js';
import { cleanupTempFiles, type intakeLimiter } from '../intake/routes.js';
import { csrfProtection } from '../web/csrf.js';
import { tooManyRequests } from '../web/errors.js';
import { validate } from '../web/validate.js';
import { trackingHandlers } from './handlers.js';
import { lookupSchema, messageSchema, rateSchema, resolveSchema, responseSchema } from './schema.js';

/** The citizen's follow-up: look a report up, then add to it, reply, appeal, resolve, rate. */
export function trackingRouter(db: Db, config: Config, intakeLimit: ReturnType<typeof intakeLimiter>): Router {
  const h = trackingHandlers(db, config);
  // Secrets are 80 bits, but nobody needs hundreds of tries an hour.
  const lookupLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: 60,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
  const router = Router();
  router.get('/lacak', h.lookupForm);
  router.post('/lacak', lookupLimit, csrfProtection, validate(lookupSchema, h.invalidLookup), h.lookup);
  router.get('/lacak/:code', lookupLimit, h.show);
  router.post(
    '/lacak/:code/informasi',
    intakeLimit,
    cleanupTempFiles,
    uploadMiddleware(config),
    h.uploadFailed,
    csrfProtection,
    validate(messageSchema, h.invalidAction),
    h.addInformation,
  );
  router.post('/lacak/:code/tanggapan', csrfProtection, validate(responseSchema, h.invalidAction), h.respond);
  router.post('/lacak/:code/selesai', csrfProtection, validate(resolveSchema, h.invalidAction), h.resolve);
  router.post('/lacak/:code/nilai', csrfProtection, validate(rateSchema, h.invalidAction), h.rate);
  return router;
}
