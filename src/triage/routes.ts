import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { confirmFirst } from '../http/confirm.js';
import { csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { triageApiHandlers } from './apiHandlers.js';
import { bulkHandlers } from './bulk.js';
import { triageHandlers } from './handlers.js';
import { STAFF_ACTIONS } from './policy.js';
import { bulkSchema } from './schema.js';

/** Diskominfo's verification queue, the staff report page and its actions, and their API. */
export function triageRouter(db: Db, config: Config): Router {
  const h = triageHandlers(db, config);
  const bulk = bulkHandlers(db, config);
  const api = triageApiHandlers(db, config);
  const coordinator = requirePermission('reports:verify');
  const staff = requirePermission('staff:area');
  const router = Router();
  router.get('/staf', staff, h.opdQueue);
  router.get('/staf/cari', staff, h.find);
  router.get('/staf/verifikasi', coordinator, h.queue);
  // Several reports at once: one confirmation (src/http/confirm.ts), then each as a single action.
  router.post('/staf/verifikasi/massal', coordinator, csrfProtection, refusalsShownBy(h.bulkRefused), confirmFirst(bulk.confirmation), validate(bulkSchema), bulk.run);
  router.get('/staf/laporan/:code', staff, h.report);
  router.post('/staf/laporan/:code/identitas', staff, csrfProtection, h.revealIdentity);
  // One form per action on the report page, /staf/laporan/:code/forward ... /note; each
  // validates after the policy (a role that may not act gets 403 whatever it sends). The
  // destructive ones (reject, merge) ask for confirmation first.
  for (const action of STAFF_ACTIONS) {
    router.post(`/staf/laporan/:code/${action}`, staff, csrfProtection, refusalsShownBy(h.refused(action)), confirmFirst(h.confirmation(action)), h.act(action));
  }
  router.get('/api/v1/staff/reports', coordinator, api.list);
  router.get('/api/v1/staff/reports/:code', staff, api.show);
  router.post('/api/v1/staff/reports/:code/actions', staff, requireJson, csrfProtection, api.act);
  return router;
}
