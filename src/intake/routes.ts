import { type RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { removeTempFiles, uploadMiddleware } from '../attachments/upload.js';
import { csrfProtection } from '../web/csrf.js';
import { tooManyRequests } from '../web/errors.js';
import { validate } from '../web/validate.js';
import { intakeHandlers } from './handlers.js';
import { webReportSchema } from './schema.js';

/**
 * One limiter for every way in (form and API), so a flood cannot switch channels to
 * get around it. Counted per network address, per hour.
 */
export function intakeLimiter(config: Config) {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: config.intake.ipLimitPerHour,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests()),
  });
}

/** Whatever happens to the request, its temporary upload files go when it ends. */
export const cleanupTempFiles: RequestHandler = (req, res, next) => {
  res.on('close', () => void removeTempFiles(req));
  next();
};

export function intakeRouter(db: Db, config: Config, limiter: ReturnType<typeof intakeLimiter>): Router {
  const h = intakeHandlers(db, config);
  const router = Router();
  router.get('/lapor', h.form);
  // Multipart: the body (and its _csrf field) exists only after the upload step.
  router.post('/lapor', limiter, cleanupTempFiles, uploadMiddleware(config), h.uploadFailed, csrfProtection, validate(webReportSchema, h.invalid), h.submit);
  router.get('/lapor/terkirim', h.done);
  return router;
}
