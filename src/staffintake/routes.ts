import { Router } from 'express';
import { reporterFromJsonField, requireJsonOrMultipart } from '../api/requestBody.js';
import { cleanupTempFiles, uploadMiddleware } from '../attachments/upload.js';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { staffIntakeApiHandlers } from './apiHandlers.js';
import { staffIntakeHandlers } from './handlers.js';
import { staffApiSchema, staffFormSchema } from './schema.js';

/**
 * Reports taken by staff (issue 23): the page /staf/laporan/baru and its API. Mounted
 * before the triage router, whose /staf/laporan/:code would take "baru" for a code.
 */
export function staffIntakeRouter(db: Db, config: Config): Router {
  const h = staffIntakeHandlers(db, config);
  const api = staffIntakeApiHandlers(db, config);
  const take = requirePermission('reports:take');
  const upload = uploadMiddleware(config);
  const router = Router();
  router.get('/staf/laporan/baru', take, h.form);
  // Multipart like the citizen's form: the _csrf field exists only after the upload step.
  router.post('/staf/laporan/baru', take, csrfBeforeUpload, cleanupTempFiles, refusalsShownBy(h.invalid), upload, csrfProtection, validate(staffFormSchema, h.invalid), h.submit);
  router.get('/staf/laporan/baru/tercatat', take, h.done);
  router.get('/staf/laporan/baru/bukti', take, h.receipt);
  router.post('/api/v1/staff/reports', take, csrfBeforeUpload, requireJsonOrMultipart, cleanupTempFiles, upload, csrfProtection, reporterFromJsonField, validate(staffApiSchema), api.create);
  return router;
}
