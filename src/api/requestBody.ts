import type { RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';

const unsupportedBody = () =>
  new AppError(415, 'unsupported_media_type', { message: 'api:errors.jsonOrMultipart' });

/** Bodies are JSON or multipart (with files); anything else is 415 before it is read. */
export const requireJsonOrMultipart: RequestHandler = (req, _res, next) => {
  next(req.is(['application/json', 'multipart/form-data']) ? undefined : unsupportedBody());
};

/**
 * Multipart clients send the reporter as bracket fields (reporter[name], which multer
 * nests) or as one JSON-encoded field `reporter`. Anything that is not a JSON object is
 * left as it came, for validation to refuse.
 */
export const reporterFromJsonField: RequestHandler = (req, _res, next) => {
  const body = req.body as Record<string, unknown> | undefined;
  if (typeof body?.reporter === 'string' && req.is('multipart/form-data')) {
    try {
      const parsed: unknown = JSON.parse(body.reporter);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body.reporter = parsed;
    } catch {
      // Not JSON: validation answers 422 on `reporter`.
    }
  }
  next();
};
