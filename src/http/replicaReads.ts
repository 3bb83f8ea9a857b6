import type { RequestHandler, Response } from 'express';
import onHeaders from 'on-headers';
import type { Config } from '../config.js';
import { MAX_LAG_MS, readingFrom } from '../db/replica.js';

/**
 * Which requests may read the replica (db/replica.ts says what it is and which capabilities
 * read through it): read-your-own-writes, with a rule simple enough to be sure of.
 *
 * - A browser that changed something (any request other than GET/HEAD/OPTIONS answered
 *   below 400: a citizen's report sent at /lapor, a case published at /staf/publikasi, a
 *   status changed) is given a cookie that lives WROTE_WINDOW_MS from the moment the answer
 *   left, so after the commit. While the browser sends it back, its reads go to the
 *   primary. The window is longer than the most lag at which the replica is read at all
 *   (MAX_LAG_MS): once it is over, a replica still in use holds every commit made before the
 *   window began, theirs among them. A cookie rather than the session: it costs no session
 *   write (a citizen's API client has none), and any app process behind the balancer reads
 *   it. Forging it only sends one's own reads to the primary.
 * - A request that asks for fresh figures (`Cache-Control: no-cache` or `max-age=N`: the
 *   dashboard's live refresh after a change asks for figures at most 5 s old, a browser's
 *   reload sends max-age=0) reads the primary: figures from the replica can be older than
 *   the moment they were computed by up to its lag.
 * - Everything else that is a GET or HEAD may read the replica.
 * API clients without cookies (integrations) get no read-your-own-writes across requests;
 * what they read through readDb is published cases and figures, behind by at most
 * MAX_LAG_MS.
 */
export const WROTE_COOKIE = 'epengaduan.wrote';
export const WROTE_WINDOW_MS = MAX_LAG_MS + 2_000;

function wroteRecently(cookie: unknown): boolean {
  const at = Number(cookie);
  // The server's own clock checks it too: a browser that kept the cookie past its Max-Age does not pin itself.
  return Number.isFinite(at) && Date.now() - at < WROTE_WINDOW_MS;
}

function asksFresh(cacheControl: string | undefined): boolean {
  return !!cacheControl && /(^|,)\s*(no-cache|max-age\s*=)/i.test(cacheControl);
}

/** Mounted by app.ts after the cookie parser, only when a replica is configured. */
export function replicaReads(config: Pick<Config, 'cookieSecure'>): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const fresh = wroteRecently(req.cookies?.[WROTE_COOKIE]) || asksFresh(req.get('cache-control'));
      readingFrom(fresh ? 'primary' : 'replica', next);
      return;
    }
    if (req.method !== 'OPTIONS') markWhenAnswered(res, config.cookieSecure);
    next();
  };
}

/** Sets the cookie as the answer's headers go out (on-headers, as express-session sets its own), if it is a success or a redirect. */
function markWhenAnswered(res: Response, secure: boolean): void {
  onHeaders(res, () => {
    if (res.statusCode < 400) res.cookie(WROTE_COOKIE, String(Date.now()), { maxAge: WROTE_WINDOW_MS, httpOnly: true, sameSite: 'lax', secure, path: '/' });
  });
}
