import { Router } from 'express';
import { cleanupTempFiles, uploadMiddleware } from '../attachments/upload.js';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfBeforeUpload, csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { answerApiHandlers } from './apiHandlers.js';
import { approvalHandlers, INBOX } from './approvalHandlers.js';
import { answerFileApiHandlers } from './fileApiHandlers.js';
import { answerFileHandlers } from './fileHandlers.js';
import { answerHandlers } from './handlers.js';
import { bulkApproveSchema } from './schema.js';

/**
 * Drafting, submitting and approving answers: staff page forms and the staff API. Each
 * step checks the policy before its input, so a role that may not take it gets 403
 * whatever it sends; the pages show a refusal as a notice (h.refused).
 */
export function answersRouter(db: Db, config: Config): Router {
  const h = answerHandlers(db, config);
  const f = answerFileHandlers(db, config);
  const fa = answerFileApiHandlers(db, config);
  const a = approvalHandlers(db, config);
  const api = answerApiHandlers(db, config);
  const head = requirePermission('answers:approve');
  const inboxShown = refusalsShownBy(a.refused);
  const staff = requirePermission('staff:area');
  const shown = refusalsShownBy(h.refused);
  const router = Router();
  router.post('/staf/laporan/:code/jawaban', staff, csrfProtection, shown, h.step('create', false));
  router.post('/staf/laporan/:code/jawaban/templat', staff, csrfProtection, shown, h.fromTemplate);
  // The answer's photos and PDFs: the same upload, inspection and storage as citizens' files;
  // who may not attach, or holds no CSRF token, is refused before the body is read.
  router.post(
    '/staf/laporan/:code/jawaban/:id/lampiran',
    staff,
    csrfBeforeUpload,
    f.mayAttach,
    cleanupTempFiles,
    shown,
    uploadMiddleware(config),
    csrfProtection,
    f.upload,
  );
  router.post('/staf/laporan/:code/jawaban/:id/lampiran/:fileId/hapus', staff, csrfProtection, shown, f.remove);
  router.post('/staf/laporan/:code/jawaban/:id/lampiran/:fileId/publik', staff, csrfProtection, shown, f.setPublic);
  router.post('/staf/laporan/:code/jawaban/:id/ajukan', staff, csrfProtection, shown, h.step('submit', true));
  router.post('/staf/laporan/:code/jawaban/:id/setujui', staff, csrfProtection, shown, h.step('approve', true));
  router.post('/staf/laporan/:code/jawaban/:id/ubah-setujui', staff, csrfProtection, shown, h.step('editApprove', true));
  router.post('/staf/laporan/:code/jawaban/:id/kembalikan', staff, csrfProtection, shown, h.step('return', true));
  router.post('/staf/laporan/:code/jawaban/:id/validasi', staff, csrfProtection, shown, h.step('validate', true));
  router.post('/staf/laporan/:code/jawaban/:id/tolak', staff, csrfProtection, shown, h.step('refuse', true));

  // The Kepala OPD's approval inbox: the same steps, coming back to the list.
  router.get(INBOX, head, a.inbox);
  router.post(`${INBOX}/setujui`, head, csrfProtection, validate(bulkApproveSchema, a.refusedBulk), a.bulkApprove);
  router.post(`${INBOX}/:code/:id/setujui`, head, csrfProtection, inboxShown, a.step('approve'));
  router.post(`${INBOX}/:code/:id/ubah-setujui`, head, csrfProtection, inboxShown, a.step('editApprove'));
  router.post(`${INBOX}/:code/:id/kembalikan`, head, csrfProtection, inboxShown, a.step('return'));

  router.get('/api/v1/staff/reports/:code/answer-templates', staff, api.templates);
  router.post('/api/v1/staff/answer-check', staff, requireJson, csrfProtection, api.check);
  router.post('/api/v1/staff/reports/:code/answers', staff, requireJson, csrfProtection, api.step('create', false));
  router.put('/api/v1/staff/reports/:code/answers/:id', staff, requireJson, csrfProtection, api.step('update', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/submit', staff, csrfProtection, api.step('submit', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/approve', staff, csrfProtection, api.step('approve', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/edit-approve', staff, requireJson, csrfProtection, api.step('editApprove', true));
  router.get('/api/v1/staff/reports/:code/answers/:id/preview', staff, fa.preview);
  router.post(
    '/api/v1/staff/reports/:code/answers/:id/files',
    staff,
    csrfBeforeUpload,
    f.mayAttach,
    cleanupTempFiles,
    uploadMiddleware(config),
    csrfProtection,
    fa.upload,
  );
  router.put('/api/v1/staff/reports/:code/answers/:id/files/:fileId', staff, requireJson, csrfProtection, fa.setPublic);
  router.delete('/api/v1/staff/reports/:code/answers/:id/files/:fileId', staff, csrfProtection, fa.remove);
  router.post('/api/v1/staff/reports/:code/answers/:id/return', staff, requireJson, csrfProtection, api.step('return', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/validate', staff, csrfProtection, api.step('validate', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/refuse', staff, requireJson, csrfProtection, api.step('refuse', true));
  return router;
}
