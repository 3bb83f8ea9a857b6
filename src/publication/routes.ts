import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { validate } from '../http/validate.js';
import { publicationApiHandlers } from './apiHandlers.js';
import { publicationHandlers } from './handlers.js';
import { loadReport } from './loadReport.js';
import { declineSchema, editSchema, publishSchema, termSchema } from './schema.js';

/**
 * The coordinator's publication pages (/staf/publikasi) and the same through the staff API.
 * loadReport comes before the body's schema: a report without a publication is a 404,
 * whatever was sent.
 */
export function publicationRouter(db: Db): Router {
  const h = publicationHandlers(db);
  const api = publicationApiHandlers(db);
  const may = requirePermission('publication:manage');
  const report = loadReport(db);
  const router = Router();
  router.get('/staf/publikasi', may, h.queue);
  router.get('/staf/publikasi/:code', may, report, h.edit);
  router.post('/staf/publikasi/:code', may, csrfProtection, report, validate(editSchema, h.showRefused), h.save);
  router.post('/staf/publikasi/:code/terbitkan', may, csrfProtection, report, validate(publishSchema, h.showRefused), h.approve);
  router.post('/staf/publikasi/:code/temuan', may, csrfProtection, report, validate(termSchema, h.showRefused), h.decideTerm);
  router.post('/staf/publikasi/:code/tolak', may, csrfProtection, report, validate(declineSchema, h.showRefused), h.decline);

  const path = '/api/v1/staff/reports/:code/publication';
  router.get(path, may, report, api.show);
  router.put(path, may, requireJson, csrfProtection, report, validate(editSchema), api.save);
  router.post(`${path}/approve`, may, csrfProtection, report, validate(publishSchema), api.approve);
  router.post(`${path}/terms`, may, requireJson, csrfProtection, report, validate(termSchema), api.decideTerm);
  router.post(`${path}/decline`, may, requireJson, csrfProtection, report, validate(declineSchema), api.decline);
  return router;
}
