import type { NextFunction, Request, Response } from 'express';
import type passport from 'passport';
import { landingPath } from '../auth/landing.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { safeNext } from '../http/redirects.js';
import type { FieldErrors } from '../shared/errors.js';
import type { LoginInput } from './schema.js';
import { authenticate, signIn, signOut } from './signIn.js';

/**
 * Where to go once signed in: the page the login was asked for (`next`, a path on this
 * site), or else the person's own work (auth/landing.ts).
 */
function afterLogin(next: unknown, user: Express.User): string {
  return typeof next === 'string' && next !== '' && next !== '/' ? safeNext(next) : landingPath(user);
}

/** The login page and signing out. */
export function signInHandlers(auth: passport.PassportStatic, config: Config, db: Db) {
  function renderLogin(res: Response, values: Partial<LoginInput>, errors?: FieldErrors, failed?: string) {
    res.render('account/login', {
      title: res.locals.t('account:login.title'),
      // Empty when the login was not asked for by a page: then the person lands on their work.
      values: { email: values.email ?? '', next: values.next ? safeNext(values.next) : '' },
      errors,
      failed,
    });
  }

  return {
    showLogin(req: Request, res: Response) {
      if (req.user) return res.redirect(303, afterLogin(req.query.next, req.user));
      renderLogin(res, { next: typeof req.query.next === 'string' ? req.query.next : '' });
    },

    invalidLogin(req: Request, res: Response, errors: FieldErrors) {
      renderLogin(res, req.body ?? {}, errors);
    },

    async login(req: Request, res: Response, next: NextFunction) {
      const input = req.input as LoginInput;
      const user = await authenticate(auth, req, res, next);
      if (!user) {
        const failed = res.locals.t('account:login.failed', { max: config.login.maxFailures, minutes: config.login.lockMinutes });
        return renderLogin(res.status(401), input, undefined, failed);
      }
      await signIn(req, user);
      res.redirect(303, afterLogin(input.next, user));
    },

    async logout(req: Request, res: Response) {
      await signOut(db, req, res);
      res.redirect(303, '/');
    },
  };
}
