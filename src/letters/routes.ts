import { Router } from 'express';
import type { Db } from '../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import type { Limiters } from '../http/rateLimit.js';
import { refusalsShownBy } from '../http/validate.js';
import { letterHandlers } from './handlers.js';

/** The public verification of an answer letter: anyone holding it, no account. */
export function lettersRouter(db: Db, limits: Limiters): Router {
  const h = letterHandlers(db);
  const router = Router();
  router.get('/verifikasi/:token', h.show);
  router.post('/verifikasi/:token', limits.tracking, csrfBeforeUpload, refusalsShownBy(h.refusedCheck), h.upload, csrfProtection, h.check);
  return router;
}
