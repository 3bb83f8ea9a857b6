import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { csrfInvalid } from '../shared/errors.js';
import { hasSessionCookie } from './session.js';

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
  // Already checked before an upload (csrfBeforeUpload): the body field is gone by now.
  if (isCookielessApi(req) || res.locals.csrfChecked) return next();
  csrf.csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(csrfInvalid());
    res.locals.csrfChecked = true;
    // The body field has done its job; keep it out of validation.
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
    next();
  });
};

/**
 * For a route that takes files, whose multipart `_csrf` field exists only once the files
 * are read: refuses before the body is read whatever can already be known to fail, so a
 * forged or stale upload is never written to disk. Any other body is already parsed and is
 * checked whole; a token in the `X-CSRF-Token` header is checked now;
 * without one, a session that holds no token can never pass the check after the upload
 * (our form pages put one in the session), so it is refused now too. A session that holds
 * a token goes on to the upload, and csrfProtection checks the form's field after it.
 */
export const csrfBeforeUpload: RequestHandler = (req, res, next) => {
  if (isCookielessApi(req)) return next();
  // A JSON or urlencoded body is already parsed: the whole check can run now.
  if (!req.is('multipart/form-data') || typeof req.headers['x-csrf-token'] === 'string') return csrfProtection(req, res, next);
  if (!req.session?.csrfToken) return next(csrfInvalid());
  next();
};

/**
 * Gives views `csrfToken`, made only when a template prints it, so a page without a form
 * of its own leaves a plain visitor without a session row. It is a function on purpose:
 * Express spreads res.locals into the render options, which would run a getter for every
 * page; Handlebars calls a function only where `{{csrfToken}}` appears.
 *
 * `sessionCsrfToken` is for the forms every page carries (the footer's language switch):
 * the session's token when this visitor already has a session, otherwise nothing, and
 * the switch is then checked by origin instead (see `csrfProtectionOrSameOrigin`).
 */
export const csrfLocals: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => generateCsrfToken(req);
  res.locals.sessionCsrfToken = () => (holdsSessionData(req) ? generateCsrfToken(req) : '');
  next();
};

function holdsSessionData(req: Request): boolean {
  return Object.keys(req.session ?? {}).some((k) => k !== 'cookie');
}

/**
 * For a form that every page carries and that a visitor may use before having any
 * session (the language switch): when the session holds a token, the token decides as
 * everywhere; without one (no session, or one that ended), the browser's own word on where the form came from does. Browsers send
 * `Sec-Fetch-Site` (and `Origin` on every POST) and pages cannot forge either, so a
 * cross-site form is refused; a request that names no origin at all is refused too.
 */
export const csrfProtectionOrSameOrigin: RequestHandler = (req, res, next) => {
  if (req.session?.csrfToken) return csrfProtection(req, res, next);
  if (!isSameOrigin(req)) return next(csrfInvalid());
  if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
  next();
};

export function isSameOrigin(req: Request): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return fetchSite === 'same-origin';
  const source = req.headers.origin ?? req.headers.referer;
  if (typeof source !== 'string' || source === 'null') return false;
  try {
    return new URL(source).host === req.host;
  } catch {
    return false;
  }
}
