import Joi from 'joi';
import { PASSWORD_MIN_LENGTH } from '../auth/passwords.js';

export interface LoginInput {
  email: string;
  password: string;
  next?: string;
}

/** Sign-in, by form or by the API. */
export const loginSchema = Joi.object<LoginInput>({
  // Not .email(): a typo should read "wrong e-mail or password", not a format lecture.
  email: Joi.string().trim().max(254).required().label('account:fields.email'),
  password: Joi.string().max(1024).required().label('account:fields.password'),
  // Where to go after signing in: a path on this site only.
  next: Joi.string().max(2000).allow(''),
});

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export const passwordChangeSchema = Joi.object<PasswordChangeInput>({
  currentPassword: Joi.string().max(1024).required().label('account:fields.currentPassword'),
  newPassword: Joi.string().min(PASSWORD_MIN_LENGTH).max(1024).required().label('account:fields.newPassword'),
  confirmPassword: Joi.string()
    .required()
    .valid(Joi.ref('newPassword'))
    .label('account:fields.confirmPassword')
    .messages({ 'any.only': 'account:password.mismatch' }),
});
