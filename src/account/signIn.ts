import type { NextFunction, Request, Response } from 'express';
import type passport from 'passport';
import { recordAudit } from '../audit/commands/recordAudit.js';
import type { Db } from '../db/database.js';
import { SESSION_COOKIE } from '../http/session.js';

/**
 * Signing in and out, the same for the login page and the session API: the local
 * strategy checks the password (commands/verifyCredentials.ts), passport keeps the session.
 */

/** Runs the local strategy; resolves to the user, or undefined when the credentials fail. */
export function authenticate(auth: passport.PassportStatic, req: Request, res: Response, next: NextFunction): Promise<Express.User | undefined> {
  return new Promise((resolve, reject) => {
    auth.authenticate('local', { session: false }, (err: unknown, user: Express.User | false, info?: { message?: string }) => {
      if (err) return reject(err);
      if (!user) req.log?.info({ why: info?.message }, 'login failed');
      resolve(user || undefined);
    })(req, res, next);
  });
}

/** Signs in; passport regenerates the session, so a fixed session id is worthless. */
export function signIn(req: Request, user: Express.User): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
}

/** Ends the session (written to the audit log) and drops its cookie. */
export async function signOut(db: Db, req: Request, res: Response): Promise<void> {
  if (req.user) await recordAudit(db, { action: 'logout' });
  await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
  res.clearCookie(SESSION_COOKIE);
}
