import { Router } from 'express';
import { requirePermission } from '../../auth/policy.js';
import type { Db } from '../../db/database.js';
import { csrfProtection } from '../../http/csrf.js';
import { validate } from '../../http/validate.js';
import { answerAdminHandlers, PATH } from './handlers.js';
import { settingsSchema, templateSchema } from './schema.js';

/** Admin pages for answer templates and the validation setting: reference data managers only. */
export function answerAdminRouter(db: Db): Router {
  const h = answerAdminHandlers(db);
  const admin = requirePermission('reference:manage');
  const router = Router();
  router.get(PATH, admin, h.list);
  router.post(PATH, admin, csrfProtection, validate(templateSchema, h.invalidCreate), h.create);
  router.post(`${PATH}/pengaturan`, admin, csrfProtection, validate(settingsSchema), h.saveSettings);
  router.get(`${PATH}/:id`, admin, h.edit);
  router.post(`${PATH}/:id`, admin, csrfProtection, validate(templateSchema, h.invalidUpdate), h.update);
  router.post(`${PATH}/:id/nonaktifkan`, admin, csrfProtection, h.setActive(false));
  router.post(`${PATH}/:id/aktifkan`, admin, csrfProtection, h.setActive(true));
  return router;
}
