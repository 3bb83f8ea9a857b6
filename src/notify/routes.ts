import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfProtection } from '../http/csrf.js';
import { notifyHandlers } from './handlers.js';

/** The outbox pages: every mail the system sends, readable by admins. Admin only. */
export function notifyRouter(db: Db, config: Config): Router {
  const h = notifyHandlers(db, config);
  const admin = requirePermission('outbox:manage');
  const router = Router();
  router.get('/admin/outbox', admin, h.list);
  router.get('/admin/outbox/:id', admin, h.show);
  router.get('/admin/outbox/:id/html', admin, h.html);
  router.post('/admin/outbox/:id/kirim-ulang', admin, csrfProtection, h.retry);
  return router;
}
