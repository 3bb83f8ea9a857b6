import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { mailinAdminHandlers } from './handlers.js';

/** The admin's view of the intake mailbox. */
export function mailinAdminRouter(db: Db, config: Config): Router {
  const h = mailinAdminHandlers(db, config);
  const router = Router();
  router.get('/admin/surel-masuk', requirePermission('outbox:manage'), h.list);
  return router;
}
