import type { ErrorRequestHandler, RequestHandler } from 'express';
import { fromLibrary } from '../http/libraryErrors.js';
import { AppError, InvalidInputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { formatOf, sendDocument } from './format.js';

/**
 * Errors as GeoReport v2 writes them: the HTTP status, and a list of
 * {code, description} (XML: <errors><error><code/><description/></error></errors>).
 * The spec names 400 (a parameter missing or wrong), 403 (api_key), 404 (service_code,
 * request or jurisdiction not found); we add 429 (too many requests) and 500.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    /** Message keys (open311:errors.*) or field -> message pairs already translated. */
    readonly descriptions: { key: string; params?: Record<string, unknown> }[] | string[],
  ) {
    super(`open311 ${status}`);
    this.name = 'Open311Error';
  }
}

const fail = (status: number, key: string, params?: Record<string, unknown>) => new Open311Error(status, [{ key, params }]);

export const badRequest = (key: string, params?: Record<string, unknown>) => fail(400, key, params);
export const forbiddenKey = () => fail(403, 'open311:errors.apiKey');
export const notFound = (key = 'open311:errors.notFound', params?: Record<string, unknown>) => fail(404, key, params);

export interface SpecError {
  code: number;
  description: string;
}

function describe(err: unknown, t: Translate): { status: number; errors: string[] } {
  if (err instanceof Open311Error) {
    const errors = err.descriptions.map((d) => (typeof d === 'string' ? d : t(d.key, d.params ?? {})));
    return { status: err.status, errors };
  }
  // Field maps from joi and from the intake service: the spec's 400, one error per field.
  if (err instanceof InvalidInputError) return { status: 400, errors: Object.entries(err.fields(t)).map(([f, m]) => `${f}: ${m}`) };
  // Our other refusals, and what body parsers, broken %-escapes in the path and text PostgreSQL
  // refuses mean: as the web pages answer them.
  const known = err instanceof AppError ? err : fromLibrary(err);
  if (known && known.status < 500) return { status: known.status, errors: [known.describe(t)] };
  return { status: 500, errors: [t('web:errors.serverBody')] };
}

/** The error handler of /open311: every failure in the spec's format, in the resource's format. */
export const open311Errors: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, errors } = describe(err, res.locals.t);
  if (status >= 500) req.log?.error({ err }, 'open311 request failed');
  if (res.headersSent) return;
  const body: SpecError[] = errors.map((description) => ({ code: status, description }));
  sendDocument(res, formatOf(req), 'errors', body as unknown as Record<string, string>[], status);
};

/** Anything under /open311 that no route answered. */
export const open311NotFound: RequestHandler = (_req, _res, next) => next(notFound());
