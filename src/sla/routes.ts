import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { confirmFirst } from '../http/confirm.js';
import { csrfProtection } from '../http/csrf.js';
import { validate } from '../http/validate.js';
import { slaHandlers } from './handlers.js';
import { holidaySchema, importSchema, policySchema, rankingSchema } from './schema.js';

/** Admin pages for SLA policies and days off. Every route: 'reference:manage' (admins). */
export function slaRouter(db: Db): Router {
  const h = slaHandlers(db);
  const admin = requirePermission('reference:manage');
  const router = Router();
  router.get('/admin/sla', admin, h.policies);
  // Before /admin/sla/:id, which would take "peringkat" for an id.
  router.post('/admin/sla/peringkat', admin, csrfProtection, validate(rankingSchema, h.invalidRanking), h.saveRanking);
  router.get('/admin/sla/:id', admin, h.editPolicy);
  router.post('/admin/sla/:id', admin, csrfProtection, validate(policySchema, h.invalidPolicy), h.savePolicy);
  router.get('/admin/libur', admin, h.holidays);
  router.post('/admin/libur', admin, csrfProtection, validate(holidaySchema, h.invalidHoliday), h.addHoliday);
  router.post('/admin/libur/impor', admin, csrfProtection, validate(importSchema, h.invalidImport), h.importYear);
  router.post('/admin/libur/:date/hapus', admin, csrfProtection, confirmFirst(h.confirmDeleteHoliday), h.deleteHoliday);
  return router;
}
