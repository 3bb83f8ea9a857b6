import { Router } from 'express';
import { cleanupTempFiles, uploadMiddleware } from '../../attachments/upload.js';
import { requirePermission } from '../../auth/policy.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../../http/csrf.js';
import { refusalsShownBy, validate } from '../../http/validate.js';
import { letterAdminHandlers, PATH } from './handlers.js';
import { letterheadSchema } from './schema.js';

/** Admin pages for each OPD's letterhead and letter numbering: reference data managers only. */
export function letterAdminRouter(db: Db, config: Config): Router {
  const h = letterAdminHandlers(db, config);
  const admin = requirePermission('reference:manage');
  const router = Router();
  router.get(PATH, admin, h.list);
  router.get(`${PATH}/:id`, admin, h.edit);
  router.post(`${PATH}/:id`, admin, csrfBeforeUpload, cleanupTempFiles, refusalsShownBy(h.invalid), uploadMiddleware(config, 'logo'), csrfProtection, validate(letterheadSchema, h.invalid), h.save);
  return router;
}
