import type { NextFunction, Request, Response } from 'express';
import type passport from 'passport';
import type { Config } from '../config.js';
import { generateCsrfToken } from '../http/csrf.js';
import { type FieldErrors, unauthorized } from '../shared/errors.js';
import { SESSION_COOKIE } from '../http/session.js';
import { safeNext } from '../http/redirects.js';
import type { LoginInput } from './schema.js';
import type { SessionUser } from '../auth/user.js';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/commands/recordAudit.js';

export function presentUser(user: SessionUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId };
}

export function signInHandlers(auth: passport.PassportStatic, config: Config, db: Db) {
  const failedMessage = (res: Response) =>
    res.locals.t('account:login.failed', { max: config.login.maxFailures, minutes: config.login.lockMinutes });

  function renderLogin(res: Response, values: Partial<LoginInput>, errors?: FieldErrors, failed?: string) {
    res.render('account/login', {
      title: res.locals.t('account:login.title'),
      values: { email: values.email ?? '', next: safeNext(values.next) },
      errors,
      failed,
    });
  }

  /** Runs the local strategy; resolves to the user or undefined. */
  function authenticate(req: Request, res: Response, next: NextFunction): Promise<Express.User | undefined> {
    return new Promise((resolve, reject) => {
      auth.authenticate('local', { session: false }, (err: unknown, user: Express.User | false, info?: { message?: string }) => {
        if (err) return reject(err);
        if (!user) req.log?.info({ why: info?.message }, 'login failed');
        resolve(user || undefined);
      })(req, res, next);
    });
  }

  /** Signs in; passport regenerates the session, so a fixed session id is worthless. */
  function login(req: Request, user: Express.User): Promise<void> {
    return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
  }

  return {
    showLogin(req: Request, res: Response) {
      if (req.user) return res.redirect(303, safeNext(req.query.next));
      renderLogin(res, { next: typeof req.query.next === 'string' ? req.query.next : '' });
    },

    invalidLogin(req: Request, res: Response, errors: FieldErrors) {
      renderLogin(res, req.body ?? {}, errors);
    },

    async login(req: Request, res: Response, next: NextFunction) {
      const input = req.input as LoginInput;
      const user = await authenticate(req, res, next);
      if (!user) {
        res.status(401);
        return renderLogin(res, input, undefined, failedMessage(res));
      }
      await login(req, user);
      res.redirect(303, safeNext(input.next));
    },

    async logout(req: Request, res: Response) {
      if (req.user) await recordAudit(db, { action: 'logout' });
      await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, '/');
    },

    // --- JSON API -------------------------------------------------------------------

    async apiLogin(req: Request, res: Response, next: NextFunction) {
      const user = await authenticate(req, res, next);
      if (!user) {
        return res.status(401).json({ error: { code: 'invalid_credentials', message: failedMessage(res) } });
      }
      await login(req, user);
      // The new session needs its own token; API clients send it back in X-CSRF-Token.
      res.json({ user: presentUser(user), csrfToken: generateCsrfToken(req, true) });
    },

    apiSession(req: Request, res: Response) {
      if (!req.user) throw unauthorized();
      res.json({ user: presentUser(req.user), csrfToken: generateCsrfToken(req) });
    },

    async apiLogout(req: Request, res: Response) {
      if (req.user) await recordAudit(db, { action: 'logout' });
      await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie(SESSION_COOKIE);
      res.status(204).end();
    },
  };
}
