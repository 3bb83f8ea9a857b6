import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { hasSessionCookie } from './session.js';
import { csrfInvalid } from './errors.js';

/**
 * Synchroniser-token CSRF protection for every state-changing request made with a
 * session cookie: forms send `_csrf`, scripts and API clients the `X-CSRF-Token` header
 * (multipart forms too, since their body is parsed after this check).
 */
const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const body = req.body as Record<string, unknown> | undefined;
    return typeof body?._csrf === 'string' ? body._csrf : undefined;
  },
});

export const generateCsrfToken = csrf.generateToken;

/**
 * API clients that hold no session cookie cannot be the victim of CSRF: nothing of theirs
 * rides along, so a forged request can do no more than its author could directly.
 * (Login through the API takes JSON only, so no cross-site form can sign a visitor in.)
 */
function isCookielessApi(req: Request): boolean {
  return req.path.startsWith('/api/') && !hasSessionCookie(req);
}

export const csrfProtection: RequestHandler = (req, res, next) => {
  if (isCookielessApi(req)) return next();
  csrf.csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(csrfInvalid());
    // The body field has done its job; keep it out of validation.
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
    next();
  });
};

/** Gives views `csrfToken`, made lazily so plain visitors get no session row. */
export const csrfLocals: RequestHandler = (req, res, next) => {
  Object.defineProperty(res.locals, 'csrfToken', {
    enumerable: true,
    configurable: true,
    get: () => generateCsrfToken(req),
  });
  next();
};
