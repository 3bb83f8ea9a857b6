import { Router } from 'express';
import { requirePermission } from '../../auth/policy.js';
import type { Db } from '../../db/database.js';
import { csrfProtection } from '../../http/csrf.js';
import { validate } from '../../http/validate.js';
import { CHECK_PATH, checkSettingsHandlers } from './checkHandlers.js';
import { answerAdminHandlers, PATH } from './handlers.js';
import { checkSettingsSchema, settingsSchema, templateSchema } from './schema.js';

/** Admin pages for answer templates, the validation setting and the draft checker's settings: reference data managers only. */
export function answerAdminRouter(db: Db): Router {
  const h = answerAdminHandlers(db);
  const c = checkSettingsHandlers(db);
  const admin = requirePermission('reference:manage');
  const router = Router();
  router.get(PATH, admin, h.list);
  router.post(PATH, admin, csrfProtection, validate(templateSchema, h.invalidCreate), h.create);
  router.post(`${PATH}/pengaturan`, admin, csrfProtection, validate(settingsSchema), h.saveSettings);
  // Before /:id, which would take "pemeriksa" for a template's id.
  router.get(CHECK_PATH, admin, c.page);
  router.post(CHECK_PATH, admin, csrfProtection, validate(checkSettingsSchema, c.invalid), c.save);
  router.get(`${PATH}/:id`, admin, h.edit);
  router.post(`${PATH}/:id`, admin, csrfProtection, validate(templateSchema, h.invalidUpdate), h.update);
  router.post(`${PATH}/:id/nonaktifkan`, admin, csrfProtection, h.setActive(false));
  router.post(`${PATH}/:id/aktifkan`, admin, csrfProtection, h.setActive(true));
  return router;
}
