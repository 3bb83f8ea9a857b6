import crypto from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import { wantsJson } from '../http/json.js';
import { fromLibrary } from '../http/libraryErrors.js';
import { fallbackLocale } from '../http/locale.js';
import { AppError, ConflictError, type FieldErrors, InvalidInputError, notFound, validationBody } from '../shared/errors.js';
import { type Translate, translator } from '../shared/i18n.js';
import { buildLayout } from './navigation.js';

/**
 * The one place where an error becomes what the user sees (STYLE 17). Commands and
 * handlers throw; nothing catches an error only to answer it:
 * - a refusal (InvalidInputError 422, ConflictError 409) on a page that names how it shows
 *   refusals (http/validate.ts) goes back to that page: its form again, or a notice;
 * - any other AppError: the JSON {error: {code, message}} for the API ({errors: [...]}
 *   for invalid input), or the error page;
 * - what libraries throw with a meaning of their own (http/libraryErrors.ts): the same;
 * - anything else: 500, logged with a reference the user can quote.
 */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/** A refusal's messages by field; a conflict names no field and speaks for the whole form. */
function refusedFields(err: InvalidInputError | ConflictError, t: Translate): FieldErrors {
  return err instanceof InvalidInputError ? err.fields(t) : { _form: err.describe(t) };
}

function ensureLocals(req: Request, res: Response, config: Config): void {
  // Errors raised before the locale and layout middleware ran (a session store failure)
  // still get a page in the browser's language, with the site's header.
  if (!res.locals.t) {
    const locale = fallbackLocale(req, config.defaultLocale);
    res.locals.locale = locale;
    res.locals.t = translator(locale);
  }
  if (!res.locals.site) res.locals.site = buildLayout(req, res, config);
}

export const errorHandler = (config: Config): ErrorRequestHandler => async (err, req, res, _next) => {
  const known = err instanceof AppError ? err : fromLibrary(err);
  const error = known ?? new AppError(500, 'internal', { title: 'web:errors.serverTitle', message: 'web:errors.serverBody' });
  let reference: string | undefined;
  if (!known) {
    reference = crypto.randomBytes(4).toString('hex');
    req.log?.error({ err, reference }, 'request failed');
  } else if (error.status >= 503) {
    // The operator needs to hear of an outage or a full disk; the user is told to retry.
    req.log?.error({ err: (err as Error).message, code: (err as { code?: string }).code }, 'request failed: service unavailable');
  }
  if (res.headersSent) return;
  ensureLocals(req, res, config);
  const t: Translate = res.locals.t;
  const refused = error instanceof InvalidInputError || error instanceof ConflictError ? error : undefined;
  const refusal = res.locals.refusal;
  if (refused && refusal && !wantsJson(req)) {
    res.status(error.status);
    try {
      return void (await refusal(req, res, refusedFields(refused, t)));
    } catch (showErr) {
      if (res.headersSent) return;
      // The page that shows the refusal met an error of its own (the record it shows was
      // deleted meanwhile: 404): that one is answered instead.
      res.locals.refusal = undefined;
      if (showErr instanceof AppError) return void answer(showErr);
      req.log?.error({ err: showErr }, 'refused input could not be shown');
    }
  }
  answer(error, reference);

  function answer(error: AppError, reference?: string): void {
    res.status(error.status);
    if (error.status === 503) res.set('Retry-After', '30');
    if (wantsJson(req)) {
      if (error instanceof InvalidInputError) return void res.json({ ...validationBody(error.fields(t)), ...error.extra(t) });
      res.json({ error: { code: error.code, message: error.describe(t), ...error.details, ...(reference ? { reference } : {}) } });
      return;
    }
    const shown = error instanceof InvalidInputError || error instanceof ConflictError;
    const body = shown ? Object.values(refusedFields(error, t)).join(' ') : error.describe(t);
    res.render('errors/error', { title: t(error.titleKey), body, reference, showLogin: error.status === 401 }, (renderErr, html) => {
      if (!renderErr) return void res.send(html);
      // The error page itself failed: a plain line, never a stack trace.
      req.log?.error({ err: renderErr }, 'error page failed');
      res.type('text/plain').send(`${t(error.titleKey)}. ${body}`);
    });
  }
};
