import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { auditHandlers } from './handlers.js';

/** The audit log's admin page. Read-only: entries are written by recordAudit, never here. */
export function auditRouter(db: Db): Router {
  const h = auditHandlers(db);
  const router = Router();
  router.get('/admin/audit', requirePermission('audit:read'), h.list);
  return router;
}
