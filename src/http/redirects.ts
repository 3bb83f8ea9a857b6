import type { Request } from 'express';

/** Where to go after a form (`next`): a path on this site only, never "//evil.example" or "https://...". */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/**
 * The address of the page being shown, for the links that come back to it (the language
 * switch). A page that answers a POST (a form shown again with its errors, a confirmation)
 * has no address of its own: opening the POST's URL would be a 404. Its way back is the
 * page the form was sent from, when that is on this site.
 */
export function pageAddress(req: Request): string {
  if (req.method === 'GET' || req.method === 'HEAD') return req.originalUrl;
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    return from.host === req.host ? safeNext(`${from.pathname}${from.search}`) : '/';
  } catch {
    return '/';
  }
}
