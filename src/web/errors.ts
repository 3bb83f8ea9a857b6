import crypto from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ValidationError, validationBody } from './validate.js';
import { type Translate, translator } from './i18n.js';
import type { Config } from '../config.js';
import { buildLayout } from './navigation.js';
import { fallbackLocale } from './locale.js';
import { isDatabaseUnavailable } from '../db/errors.js';

/**
 * An error the user should see: a status and a message key from web:errors (or any
 * namespace). Anything else that reaches the error handler is a 500 with a reference id.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly bodyKey: string,
    readonly code: string,
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

export const notFound = () => new HttpError(404, 'web:errors.notFoundTitle', 'web:errors.notFoundBody', 'not_found');
export const forbidden = () => new HttpError(403, 'web:errors.forbiddenTitle', 'web:errors.forbiddenBody', 'forbidden');
export const unauthorized = () =>
  new HttpError(401, 'web:errors.unauthorizedTitle', 'web:errors.unauthorizedBody', 'unauthorized');
export const csrfInvalid = () => new HttpError(403, 'web:errors.csrfTitle', 'web:errors.csrfBody', 'csrf_invalid');
export const tooManyRequests = () =>
  new HttpError(429, 'web:errors.tooManyTitle', 'web:errors.tooManyBody', 'too_many_requests');

/** API calls get JSON errors; everything else gets a page. */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (!req.accepts('html') && Boolean(req.accepts('json')));
}

export const unsupportedMediaType = () =>
  new HttpError(415, 'web:errors.badRequestTitle', 'web:errors.jsonOnly', 'unsupported_media_type');

/** For API calls that take JSON only: anything else is 415 before it is read. */
export const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : unsupportedMediaType());
};

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/** Errors thrown by body parsers and other libraries carry a status of their own. */
export function fromLibrary(err: unknown): HttpError | undefined {
  const e = err as { status?: number; type?: string; code?: string };
  // Outages, not bugs: the user can do something (wait, or send without files).
  if (isDatabaseUnavailable(err)) {
    return new HttpError(503, 'web:errors.unavailableTitle', 'web:errors.unavailableBody', 'service_unavailable');
  }
  // ENOSPC/EDQUOT from the upload folder; 53100 (disk_full) from PostgreSQL.
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || e?.code === '53100') {
    return new HttpError(507, 'web:errors.storageFullTitle', 'web:errors.storageFullBody', 'storage_full');
  }
  if (e?.status === 413 || e?.type === 'entity.too.large') {
    return new HttpError(413, 'web:errors.tooLargeTitle', 'web:errors.tooLargeBody', 'payload_too_large');
  }
  // Body parsers set `type`; the router's URIError is a path with broken %-escapes (/publik/%%27).
  if (e?.status === 400 && (typeof e.type === 'string' || err instanceof URIError)) {
    return new HttpError(400, 'web:errors.badRequestTitle', 'web:errors.badRequestBody', 'bad_request');
  }
  // PostgreSQL refuses a NUL character in text (22021; 22P05 in JSON): the input was malformed.
  if (e?.code === '22021' || e?.code === '22P05') {
    return new HttpError(400, 'web:errors.badRequestTitle', 'web:errors.badRequestBody', 'bad_request');
  }
  return undefined;
}

/** Input that a handler validated itself (query filters) and found wrong: 422. */
function renderInvalid(err: ValidationError, req: Request, res: Response, config: Config): void {
  ensureLocals(req, res, config);
  res.status(422);
  if (wantsJson(req)) return void res.json(validationBody(err.errors));
  const t: Translate = res.locals.t;
  res.render('errors/error', { title: t('web:errors.badRequestTitle'), body: Object.values(err.errors).join(' ') });
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

export const errorHandler = (config: Config): ErrorRequestHandler => (err, req, res, _next) => {
  if (err instanceof ValidationError) return void renderInvalid(err, req, res, config);
  const known = err instanceof HttpError ? err : fromLibrary(err);
  const error = known ?? new HttpError(500, 'web:errors.serverTitle', 'web:errors.serverBody', 'internal');
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
  res.status(error.status);
  if (error.status === 503) res.set('Retry-After', '30');
  if (wantsJson(req)) {
    res.json({ error: { code: error.code, message: t(error.bodyKey), ...(reference ? { reference } : {}) } });
    return;
  }
  res.render('errors/error', { title: t(error.titleKey), body: t(error.bodyKey), reference, showLogin: error.status === 401 }, (renderErr, html) => {
    if (!renderErr) return void res.send(html);
    // The error page itself failed: a plain line, never a stack trace.
    req.log?.error({ err: renderErr }, 'error page failed');
    res.type('text/plain').send(`${t(error.titleKey)}. ${t(error.bodyKey)}`);
  });
};
