import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type Joi from 'joi';
import type { FieldErrors } from '../shared/errors.js';
import { check } from '../shared/validation.js';

/**
 * How a page shows input it refuses: usually its form again, with each message beside its
 * field and the values kept. The error handler (src/web/errors.ts) calls it, with the
 * status already set, for every refusal the request meets: the schema's (422), a
 * command's InputError (422), or a ConflictError (409, as `_form`). Without one (the API,
 * a page with no form), the handler answers JSON or an error page itself.
 */
export type Refusal = (req: Request, res: Response, errors: FieldErrors) => void | Promise<void>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's request types live in a global namespace: augmenting them takes one
  namespace Express {
    interface Request {
      /** The validated, converted body of this request (set by `validate`). */
      input?: unknown;
    }
    interface Locals {
      /** How this route shows refused input (set by `validate` or `refusalsShownBy`). */
      refusal?: Refusal;
    }
  }
}

/**
 * Registers how this route shows refused input. The error handler runs after the route
 * has finished, when Express has already put req.params back to the app's (empty) ones:
 * the route's own params (`:code`, `:id`) are restored for the page that shows the refusal.
 */
function register(req: Request, res: Response, refusal: Refusal): void {
  const params = req.params;
  res.locals.refusal = (rq, rs, errors) => {
    rq.params = params;
    return refusal(rq, rs, errors);
  };
}

/** Names how this route shows refused input, for routes whose body needs no schema. */
export function refusalsShownBy(refusal: Refusal): RequestHandler {
  return (req, res, next) => {
    register(req, res, refusal);
    next();
  };
}

/**
 * Validates req.body into req.input with the schema. `onRefused` is how the page shows
 * what it refuses, from this schema or from the command the handler runs; API routes leave
 * it out and answer 422 {errors:[{field,message}]}.
 */
export function validate<T>(schema: Joi.ObjectSchema<T>, onRefused?: Refusal): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (onRefused) register(req, res, onRefused);
    req.input = check(schema, req.body ?? {}, res.locals.t);
    next();
  };
}
