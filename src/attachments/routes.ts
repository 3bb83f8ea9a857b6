import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { attachmentHandlers } from './handlers.js';

/** Staff open a report's files: the original, or its thumbnail. */
export function attachmentsRouter(db: Db, config: Config): Router {
  const h = attachmentHandlers(db, config);
  const staff = requirePermission('staff:area');
  const router = Router();
  router.get('/staf/lampiran/:id', staff, h.original);
  router.get('/staf/lampiran/:id/kecil', staff, h.thumbnail);
  return router;
}
