import { Router } from 'express';
import { cleanupTempFiles, uploadMiddleware } from '../attachments/upload.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import type { Limiters } from '../http/rateLimit.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { intakeHandlers } from './handlers.js';
import { webReportSchema } from './schema.js';

export function intakeRouter(db: Db, config: Config, limits: Limiters): Router {
  const h = intakeHandlers(db, config);
  const router = Router();
  router.get('/lapor', h.form);
  // Multipart: the body (and its _csrf field) exists only after the upload step, whose
  // refusals (too many files, too large) show on the form like the schema's.
  router.post('/lapor', limits.intake, csrfBeforeUpload, cleanupTempFiles, refusalsShownBy(h.invalid), uploadMiddleware(config), csrfProtection, validate(webReportSchema, h.invalid), h.submit);
  router.get('/lapor/terkirim', h.done);
  router.get('/lapor/terkirim/bukti', h.receipt);
  return router;
}
