import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { healthHandlers } from './handlers.js';

/**
 * The system's health for admins, their start page: mail out and in, the deadline sweeper,
 * the dashboard's summaries, the database, upload space, the app's version. (The probes
 * for machines, /healthz and /readyz, are web/health.ts.)
 */
export function systemHealthRouter(database: Database, config: Config): Router {
  const h = healthHandlers(database, config);
  const router = Router();
  router.get('/admin/kesehatan', requirePermission('health:read'), h.page);
  return router;
}
