import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { confirmFirst } from '../http/confirm.js';
import { csrfProtection } from '../http/csrf.js';
import { validate } from '../http/validate.js';
import { routingHandlers } from './handlers.js';
import { ruleSchema } from './schema.js';

/** Admin page for routing rules. Every route: reference data managers only. */
export function routingRouter(db: Db): Router {
  const h = routingHandlers(db);
  const admin = requirePermission('reference:manage');
  const router = Router();
  router.get('/admin/rute', admin, h.list);
  router.post('/admin/rute', admin, csrfProtection, validate(ruleSchema, h.invalidCreate), h.create);
  router.post('/admin/rute/:id/nonaktifkan', admin, csrfProtection, h.deactivate);
  router.post('/admin/rute/:id/aktifkan', admin, csrfProtection, h.activate);
  router.post('/admin/rute/:id/hapus', admin, csrfProtection, confirmFirst(h.confirmRemove), h.remove);
  return router;
}
