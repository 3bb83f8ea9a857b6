import type Joi from 'joi';
import { type FieldErrors, ValidationError } from './errors.js';
import type { Translate } from './i18n.js';

/**
 * One way to validate every input. A joi schema labels each field with a message key
 * (.label('users:fields.email')); a failure becomes a field -> message map in the user's
 * language (a ValidationError), which forms show again and the API returns as
 * 422 {errors:[{field,message}]}.
 */
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
    // A schema may name its own message key for a rule: .messages({ 'any.only': 'account:password.mismatch' }).
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
