import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { csrfProtection } from '../http/csrf.js';
import { validate } from '../http/validate.js';
import { privacyHandlers } from './handlers.js';
import { eraseSchema, lookupSchema, retentionSchema } from './schema.js';

/**
 * Reporters' personal data (UU 27/2022). Admin only. Lookups and exports are POSTs, so an
 * e-mail or phone number never sits in a URL, a browser history or a proxy's log.
 */
export function privacyRouter(db: Db): Router {
  const h = privacyHandlers(db);
  const admin = requirePermission('personal_data:manage');
  const router = Router();
  router.get('/admin/data-pribadi', admin, h.index);
  router.post('/admin/data-pribadi/cari', admin, csrfProtection, validate(lookupSchema, h.invalid), h.lookup);
  router.post('/admin/data-pribadi/ekspor', admin, csrfProtection, validate(lookupSchema, h.invalid), h.exportData);
  router.post('/admin/data-pribadi/hapus', admin, csrfProtection, validate(eraseSchema, h.invalidErase), h.erase);
  router.post('/admin/data-pribadi/retensi', admin, csrfProtection, validate(retentionSchema, h.invalidRetention), h.saveRetention);
  return router;
}
