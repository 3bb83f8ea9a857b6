import type { Translate } from './i18n.js';

/**
 * Errors a user can do something about, each carrying its HTTP meaning once (STYLE 17):
 * a status, a stable code for API clients, and message keys for what the user reads.
 * Commands and handlers throw them; one handler (src/web/errors.ts) turns any of them into
 * the page, the form shown again, or the JSON answer. Anything else that reaches it is a
 * 500 with a reference id.
 */
export class AppError extends Error {
  readonly status: number;
  /** Stable, for API clients: 'not_found', 'not_allowed', 'stale_draft'... */
  readonly code: string;
  readonly titleKey: string;
  readonly messageKey: string;
  /** Values for the message. */
  readonly params: Record<string, unknown>;
  /** More fields for the JSON answer (a stale draft's current text). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    keys: { title?: string; message: string; params?: Record<string, unknown>; details?: Record<string, unknown> },
  ) {
    super(code);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.titleKey = keys.title ?? 'web:errors.badRequestTitle';
    this.messageKey = keys.message;
    this.params = keys.params ?? {};
    this.details = keys.details;
  }

  /** What the user reads, in their language. */
  describe(t: Translate): string {
    return t(this.messageKey, this.params);
  }
}

export const notFound = () => new AppError(404, 'not_found', { title: 'web:errors.notFoundTitle', message: 'web:errors.notFoundBody' });
export const forbidden = () => new AppError(403, 'forbidden', { title: 'web:errors.forbiddenTitle', message: 'web:errors.forbiddenBody' });
export const unauthorized = () =>
  new AppError(401, 'unauthorized', { title: 'web:errors.unauthorizedTitle', message: 'web:errors.unauthorizedBody' });
export const crossSiteRefused = () => new AppError(403, 'cross_site', { title: 'web:errors.crossSiteTitle', message: 'web:errors.crossSiteBody' });
export const csrfInvalid = () => new AppError(403, 'csrf_invalid', { title: 'web:errors.csrfTitle', message: 'web:errors.csrfBody' });
export const tooManyRequests = () =>
  new AppError(429, 'too_many_requests', { title: 'web:errors.tooManyTitle', message: 'web:errors.tooManyBody' });
export const unsupportedMediaType = () => new AppError(415, 'unsupported_media_type', { message: 'web:errors.jsonOnly' });

/**
 * The record's state does not allow what was asked (a transition from the wrong status, a
 * draft saved by someone else meanwhile, a report already closed): 409.
 */
export class ConflictError extends AppError {
  constructor(code: string, messageKey: string, details?: Record<string, unknown>) {
    super(409, code, { message: messageKey, details });
  }
}

/** Field -> message, in the user's language: forms show each beside its field. */
export type FieldErrors = Record<string, string>;

/**
 * Input that breaks a rule, field by field: 422. A form shows the messages beside their
 * fields with the values kept; the API answers {errors: [{field, message}]}.
 */
export abstract class InvalidInputError extends AppError {
  constructor() {
    super(422, 'invalid_input', { message: 'web:errors.badRequestBody' });
  }

  abstract fields(t: Translate): FieldErrors;

  /** More fields for the API's answer beside {errors} (the draft checker's findings). */
  extra(_t: Translate): Record<string, unknown> | undefined {
    return undefined;
  }
}

/** Input a schema checked, its messages already in the user's language (shared/validation.ts). */
export class ValidationError extends InvalidInputError {
  constructor(readonly errors: FieldErrors) {
    super();
  }

  fields(): FieldErrors {
    return this.errors;
  }
}

/**
 * A rule broken that only a command can see (an e-mail already taken, an agency that
 * does not exist). Commands name message keys; the error handler translates them.
 */
export class InputError extends InvalidInputError {
  constructor(
    readonly keys: Record<string, string>,
    /** Values for each field's message, e.g. { files: { name: 'foto.jpg', maxMb: 10 } }. */
    readonly values: Record<string, Record<string, unknown>> = {},
  ) {
    super();
  }

  fields(t: Translate): FieldErrors {
    return Object.fromEntries(Object.entries(this.keys).map(([field, key]) => [field, t(key, this.values[field] ?? {})]));
  }
}

/** The API's shape of field errors: 422 {errors: [{field, message}]}. */
export function validationBody(errors: FieldErrors) {
  return { errors: Object.entries(errors).map(([field, message]) => ({ field, message })) };
}
