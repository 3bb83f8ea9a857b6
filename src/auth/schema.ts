import Joi from 'joi';

export interface LoginInput {
  email: string;
  password: string;
  next?: string;
}

/** Sign-in, by form or by the API. */
export const loginSchema = Joi.object<LoginInput>({
  // Not .email(): a typo should read "wrong e-mail or password", not a format lecture.
  email: Joi.string().trim().max(254).required().label('auth:fields.email'),
  password: Joi.string().max(1024).required().label('auth:fields.password'),
  // Where to go after signing in: a path on this site only.
  next: Joi.string().max(2000).allow(''),
});
