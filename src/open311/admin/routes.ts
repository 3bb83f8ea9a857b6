import { Router } from 'express';
import { requirePermission } from '../../auth/policy.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { csrfProtection } from '../../http/csrf.js';
import { validate } from '../../http/validate.js';
import { ADMIN_PATH, adminHandlers } from './handlers.js';
import { clientSchema } from './schema.js';

/** The admin page of Open311 client keys: whoever manages users. */
export function open311AdminRouter(db: Db, config: Config): Router {
  const h = adminHandlers(db, config);
  const manage = requirePermission('users:manage');
  const router = Router();
  router.get(ADMIN_PATH, manage, h.list);
  router.post(ADMIN_PATH, manage, csrfProtection, validate(clientSchema, h.invalidIssue), h.issue);
  router.post(`${ADMIN_PATH}/:id/nonaktifkan`, manage, csrfProtection, h.deactivate);
  return router;
}
