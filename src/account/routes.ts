import { Router } from 'express';
import type passport from 'passport';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { limitStores, perAddress } from '../http/rateLimit.js';
import { validate } from '../http/validate.js';
import { sessionApiHandlers } from './apiHandlers.js';
import { signInHandlers } from './handlers.js';
import { passwordHandlers } from './passwordHandlers.js';
import { loginSchema, passwordChangeSchema } from './schema.js';

export function accountRouter(auth: passport.PassportStatic, config: Config, db: Db): Router {
  const h = signInHandlers(auth, config, db);
  const account = passwordHandlers(db);
  const api = sessionApiHandlers(auth, config, db);
  const staff = requirePermission('staff:area');
  // Per network address, on top of the per-account lockout: slows guessing across accounts.
  // Exact: every try counts at once in every process, as it guards passwords.
  const loginLimit = perAddress('login', config.login.ipWindowMinutes, config.login.ipLimitPerWindow, limitStores(config, db), { exact: true });
  const router = Router();
  router.get('/masuk', h.showLogin);
  router.post('/masuk', loginLimit, csrfProtection, validate(loginSchema, h.invalidLogin), h.login);
  router.post('/keluar', csrfProtection, h.logout);
  router.get('/akun/sandi', staff, account.showPassword);
  router.post('/akun/sandi', loginLimit, staff, csrfProtection, validate(passwordChangeSchema, account.invalidPassword), account.changePassword);

  router.get('/api/v1/session', api.apiSession);
  router.post('/api/v1/session', loginLimit, requireJson, csrfProtection, validate(loginSchema), api.apiLogin);
  router.delete('/api/v1/session', csrfProtection, api.apiLogout);
  return router;
}
