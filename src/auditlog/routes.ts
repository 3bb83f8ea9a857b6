import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { auditLogHandlers } from './handlers.js';

/** The audit log's admin page. Read-only: entries are written by recordAudit, never here. */
export function auditLogRouter(db: Db): Router {
  const h = auditLogHandlers(db);
  const router = Router();
  router.get('/admin/audit', requirePermission('audit:read'), h.list);
  return router;
}
