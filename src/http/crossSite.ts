import type { Request, RequestHandler } from 'express';
import { crossSiteRefused } from '../shared/errors.js';

/**
 * A report filed by a browser from another website's page is refused (403) before its body
 * is read: without it, any site could make its visitors' browsers file reports in their
 * name and from their addresses (the intake API takes no cookie, so no CSRF token guards
 * it). Browsers say where a request comes from (Sec-Fetch-Site, Origin); API clients and
 * Open311 servers say neither, and go on. An origin in `allowed` (INTAKE_ALLOWED_ORIGINS:
 * an OPD's own site embedding the form) goes on too.
 */
export function refuseCrossSite(allowed: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && allowed.includes(origin.toLowerCase())) return next();
    next(fromAnotherSite(req, origin) ? crossSiteRefused() : undefined);
  };
}

function fromAnotherSite(req: Request, origin: string | undefined): boolean {
  const site = req.headers['sec-fetch-site'];
  // 'none': typed or bookmarked by the person; 'same-origin': our own pages.
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  if (origin === undefined) return false;
  // 'null' is an opaque origin: a sandboxed frame or a file, never our own page.
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== req.host;
  } catch {
    return true;
  }
}
