import type { NextFunction, Request, Response } from 'express';
import type passport from 'passport';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { generateCsrfToken } from '../http/csrf.js';
import { AppError, unauthorized } from '../shared/errors.js';
import { presentUser } from './presenter.js';
import { authenticate, signIn, signOut } from './signIn.js';

/** /api/v1/session: signing in and out for API clients, and who is signed in. */
export function sessionApiHandlers(auth: passport.PassportStatic, config: Config, db: Db) {
  return {
    async apiLogin(req: Request, res: Response, next: NextFunction) {
      const user = await authenticate(auth, req, res, next);
      if (!user) {
        // The same words as the login page: which part was wrong is not told.
        throw new AppError(401, 'invalid_credentials', {
          title: 'web:errors.unauthorizedTitle',
          message: 'account:login.failed',
          params: { max: config.login.maxFailures, minutes: config.login.lockMinutes },
        });
      }
      await signIn(req, user);
      // The new session needs its own token; API clients send it back in X-CSRF-Token.
      res.json({ user: presentUser(user), csrfToken: generateCsrfToken(req, true) });
    },

    apiSession(req: Request, res: Response) {
      if (!req.user) throw unauthorized();
      res.json({ user: presentUser(req.user), csrfToken: generateCsrfToken(req) });
    },

    async apiLogout(req: Request, res: Response) {
      await signOut(db, req, res);
      res.status(204).end();
    },
  };
}
