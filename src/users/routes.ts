import { Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import { confirmFirst } from '../http/confirm.js';
import { csrfProtection } from '../http/csrf.js';
import { refusalsShownBy, validate } from '../http/validate.js';
import { usersHandlers } from './handlers.js';
import { tokenSchema, userSchema } from './schema.js';

/** Admin pages for staff accounts. Every route: admin only. */
export function usersRouter(db: Db): Router {
  const h = usersHandlers(db);
  const admin = requirePermission('users:manage');
  const router = Router();
  router.get('/admin/pengguna', admin, h.list);
  router.get('/admin/pengguna/baru', admin, h.newForm);
  router.post('/admin/pengguna', admin, csrfProtection, validate(userSchema, h.invalidCreate), h.create);
  router.get('/admin/pengguna/:id', admin, h.editForm);
  router.post('/admin/pengguna/:id', admin, csrfProtection, validate(userSchema, h.invalidUpdate), h.update);
  router.post('/admin/pengguna/:id/nonaktifkan', admin, csrfProtection, refusalsShownBy(h.refusedActiveChange), confirmFirst(h.confirmDeactivate), h.deactivate);
  router.post('/admin/pengguna/:id/aktifkan', admin, csrfProtection, refusalsShownBy(h.refusedActiveChange), h.activate);
  router.post('/admin/pengguna/:id/reset-sandi', admin, csrfProtection, h.resetPassword);
  router.post('/admin/pengguna/:id/token', admin, csrfProtection, validate(tokenSchema), h.issueToken);
  router.post('/admin/pengguna/:id/token/:tokenId/cabut', admin, csrfProtection, confirmFirst(h.confirmRevokeToken), h.revokeToken);
  return router;
}
