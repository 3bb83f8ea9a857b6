import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import { type FieldErrors, InputError } from '../shared/errors.js';
import { changeOwnPassword } from './commands/changeOwnPassword.js';
import type { PasswordChangeInput } from './schema.js';

/** The signed-in staff member's own account: for now, changing the password. */
export function passwordHandlers(db: Db) {
  function render(res: Response, errors?: FieldErrors) {
    res.render('account/password', { title: res.locals.t('account:password.title'), errors });
  }

  return {
    showPassword(_req: Request, res: Response) {
      render(res);
    },

    invalidPassword(_req: Request, res: Response, errors: FieldErrors) {
      render(res, errors);
    },

    async changePassword(req: Request, res: Response) {
      const input = req.input as PasswordChangeInput;
      try {
        await changeOwnPassword(db, req.user!.id, input.currentPassword, input.newPassword);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return render(res.status(422), err.fields(res.locals.t));
      }
      req.log?.info({ userId: req.user!.id }, 'password changed');
      // Sign in again: the session carries the new password stamp; the others expire.
      await new Promise<void>((resolve, reject) => req.login(req.user!, (err) => (err ? reject(err) : resolve())));
      flash(req, 'success', res.locals.t('account:password.changed'));
      res.redirect(303, '/');
    },
  };
}
