import type { Request, Response } from 'express';
import { landingPath } from '../auth/landing.js';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import type { FieldErrors } from '../shared/errors.js';
import { changeOwnPassword } from './commands/changeOwnPassword.js';
import type { PasswordChangeInput } from './schema.js';
import { signIn } from './signIn.js';

/** The signed-in staff member's own account: for now, changing the password. */
export function passwordHandlers(db: Db) {
  function render(res: Response, errors?: FieldErrors) {
    res.render('account/password', { title: res.locals.t('account:password.title'), errors });
  }

  return {
    showPassword(_req: Request, res: Response) {
      render(res);
    },

    /** The form again (never with the passwords typed): the schema's refusals, or the command's (a wrong current password). */
    invalidPassword(_req: Request, res: Response, errors: FieldErrors) {
      render(res, errors);
    },

    async changePassword(req: Request, res: Response) {
      const input = req.input as PasswordChangeInput;
      await changeOwnPassword(db, req.user!.id, input.currentPassword, input.newPassword);
      req.log?.info({ userId: req.user!.id }, 'password changed');
      // Sign in again: the session carries the new password stamp; the others expire.
      await signIn(req, req.user!);
      flash(req, 'success', res.locals.t('account:password.changed'));
      res.redirect(303, landingPath(req.user!));
    },
  };
}
