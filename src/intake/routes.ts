import { type RequestHandler, Router } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { removeTempFiles, uploadMiddleware } from '../attachments/upload.js';
import { csrfProtection } from '../web/csrf.js';
import type { Limiters } from '../web/rateLimit.js';
import { validate } from '../web/validate.js';
import { intakeHandlers } from './handlers.js';
import { webReportSchema } from './schema.js';


/** Whatever happens to the request, its temporary upload files go when it ends. */
export const cleanupTempFiles: RequestHandler = (req, res, next) => {
  res.on('close', () => void removeTempFiles(req));
  next();
};

export function intakeRouter(db: Db, config: Config, limits: Limiters): Router {
  const h = intakeHandlers(db, config);
  const router = Router();
  router.get('/lapor', h.form);
  // Multipart: the body (and its _csrf field) exists only after the upload step.
  router.post('/lapor', limits.intake, cleanupTempFiles, uploadMiddleware(config), h.uploadFailed, csrfProtection, validate(webReportSchema, h.invalid), h.submit);
  router.get('/lapor/terkirim', h.done);
  return router;
}
