import type { Request, RequestHandler } from 'express';
import { unsupportedMediaType } from '../shared/errors.js';

/** API calls get JSON errors; everything else gets a page. */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (!req.accepts('html') && Boolean(req.accepts('json')));
}

/** For API calls that take JSON only: anything else is 415 before it is read. */
export const requireJson: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : unsupportedMediaType());
};
