import type { NextFunction, Request, Response } from 'express';
import type Joi from 'joi';
import type { Translate } from './i18n.js';

/**
 * One way to validate every input. A joi schema labels each field with a message key
 * (.label('users:fields.email')); a failure becomes a field -> message map in the user's
 * language, which forms re-render and the API returns as 422 {errors:[{field,message}]}.
 */
export type FieldErrors = Record<string, string>;

export class ValidationError extends Error {
  constructor(readonly errors: FieldErrors) {
    super('validation failed');
    this.name = 'ValidationError';
  }
}

const joiToKey: Record<string, string> = {
  'any.required': 'required',
  'string.empty': 'required',
  'any.invalid': 'invalid',
  'string.email': 'email',
  'string.min': 'tooShort',
  'string.max': 'tooLong',
  'any.only': 'choice',
  'object.unknown': 'unknownField',
};

export function fieldErrors(error: Joi.ValidationError, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const d of error.details) {
    // Rules on a whole object (.and('lat', 'lng')) name the field that is missing.
    const missing = (d.context?.missing as string[] | undefined)?.[0];
    const field = d.path.length ? d.path.join('.') : String(missing ?? d.context?.key ?? '_');
    if (out[field]) continue;
    const label = d.context?.label && d.context.label.includes(':') ? t(d.context.label) : field;
    // A schema may name its own message key for a rule: .messages({ 'any.only': 'auth:password.mismatch' }).
    const own = /^[a-z]+:[\w.]+$/.test(d.message) ? d.message : undefined;
    const key = own ?? `web:validation.${joiToKey[d.type] ?? 'invalid'}`;
    out[field] = t(key, { label, limit: d.context?.limit });
  }
  return out;
}

/** Validates `source` with the schema; returns the converted value or throws ValidationError. */
export function check<T>(schema: Joi.ObjectSchema<T>, source: unknown, t: Translate): T {
  const { value, error } = schema.validate(source, { abortEarly: false, stripUnknown: false, convert: true });
  if (error) throw new ValidationError(fieldErrors(error, t));
  return value as T;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The validated, converted body of this request (set by `validate`). */
      input?: unknown;
    }
  }
}

/**
 * Middleware: validates req.body into req.input. API routes answer 422 with the field
 * map; page routes hand the errors to `onInvalid`, which re-renders the form.
 */
export function validate<T>(
  schema: Joi.ObjectSchema<T>,
  onInvalid?: (req: Request, res: Response, errors: FieldErrors) => void | Promise<void>,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      req.input = check(schema, req.body ?? {}, res.locals.t);
      next();
    } catch (err) {
      if (!(err instanceof ValidationError)) return next(err);
      if (onInvalid) {
        res.status(422);
        await onInvalid(req, res, err.errors);
        return;
      }
      res.status(422).json(validationBody(err.errors));
    }
  };
}

export function validationBody(errors: FieldErrors) {
  return { errors: Object.entries(errors).map(([field, message]) => ({ field, message })) };
}

/**
 * A rule broken that only a command can see (an e-mail already taken, an agency that
 * does not exist). Commands name message keys; handlers translate them like joi's.
 */
export class InputError extends Error {
  constructor(
    readonly keys: Record<string, string>,
    /** Values for each field's message, e.g. { files: { name: 'foto.jpg', maxMb: 10 } }. */
    readonly params: Record<string, Record<string, unknown>> = {},
  ) {
    super(`invalid input: ${Object.keys(keys).join(', ')}`);
    this.name = 'InputError';
  }

  translate(t: Translate): FieldErrors {
    return Object.fromEntries(Object.entries(this.keys).map(([field, key]) => [field, t(key, this.params[field] ?? {})]));
  }
}
