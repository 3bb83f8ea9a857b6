import { Router } from 'express';
import type passport from 'passport';
import type { Config } from '../config.js';
import { csrfProtection } from '../web/csrf.js';
import { requireJson } from '../web/errors.js';
import { limitStores, perAddress } from '../web/rateLimit.js';
import { validate } from '../web/validate.js';
import { authHandlers } from './handlers.js';
import { loginSchema, passwordChangeSchema } from './schema.js';
import { accountHandlers } from './accountHandlers.js';
import { requirePermission } from './policy.js';
import type { Db } from '../db/database.js';

export function authRouter(auth: passport.PassportStatic, config: Config, db: Db): Router {
  const h = authHandlers(auth, config, db);
  const account = accountHandlers(db);
  const staff = requirePermission('staff:area');
  // Per network address, on top of the per-account lockout: slows guessing across accounts.
  const loginLimit = perAddress('login', config.login.ipWindowMinutes, config.login.ipLimitPerWindow, limitStores(config, db));
  const router = Router();
  router.get('/masuk', h.showLogin);
  router.post('/masuk', loginLimit, csrfProtection, validate(loginSchema, h.invalidLogin), h.login);
  router.post('/keluar', csrfProtection, h.logout);
  router.get('/akun/sandi', staff, account.showPassword);
  router.post('/akun/sandi', loginLimit, staff, csrfProtection, validate(passwordChangeSchema, account.invalidPassword), account.changePassword);

  router.get('/api/v1/session', h.apiSession);
  router.post('/api/v1/session', loginLimit, requireJson, csrfProtection, validate(loginSchema), h.apiLogin);
  router.delete('/api/v1/session', csrfProtection, h.apiLogout);
  return router;
}
