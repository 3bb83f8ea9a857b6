import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import { PUBLIC_DIR } from '../paths.js';

/**
 * Static files by a versioned address: `{{asset "/static/js/live.js"}}` writes
 * `/static/js/live.js?v=<hash of the file>`. A browser keeps such an address for a year
 * without asking again (staticCacheHeaders), and a change to the file is a new address,
 * so nobody runs last week's script against this week's pages (a renamed live-update event
 * went unheard until the cached copy expired). Files of public/ only: the vendor scripts
 * served from node_modules keep their plain address and change only with an upgrade.
 */
const STATIC_PREFIX = '/static/';

const versions = new Map<string, string>();

/** The address with its version, or the address as given when it names no file of public/. */
export function assetPath(url: string, cache = true): string {
  const known = cache ? versions.get(url) : undefined;
  if (known !== undefined) return known;
  const versioned = withVersion(url);
  if (cache) versions.set(url, versioned);
  return versioned;
}

function withVersion(url: string): string {
  if (!url.startsWith(STATIC_PREFIX)) return url;
  const file = path.resolve(PUBLIC_DIR, url.slice(STATIC_PREFIX.length));
  // Never outside public/ ("/static/../config"): a template's typo, not an address to hash.
  if (!file.startsWith(`${PUBLIC_DIR}${path.sep}`)) return url;
  try {
    return `${url}?v=${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12)}`;
  } catch {
    return url;
  }
}

/**
 * The helper, for views.ts: outside development the versions are read once per process.
 * The address as written, escaped, with "?v=" and hex digits after it: marked safe only so
 * that Handlebars does not write the "=" as "&#x3D;".
 */
export function assetHelper(cache: boolean) {
  return (url: unknown) => {
    if (typeof url !== 'string') return '';
    const versioned = assetPath(url, cache);
    const version = versioned.slice(url.length);
    return new Handlebars.SafeString(Handlebars.escapeExpression(url) + (/^\?v=[0-9a-f]+$/.test(version) ? version : ''));
  };
}

/**
 * express.static's setHeaders: outside development a versioned address is kept for a year
 * as is (its content never changes under it), and a plain one (an old page, the service
 * worker's own fetches) is checked with the server on each use (ETag), so it is never stale
 * either.
 */
export function staticCacheHeaders(cache: boolean) {
  return (res: Response): void => {
    // In development a file is edited between two loads: never kept.
    if (!cache) return void res.setHeader('Cache-Control', 'no-cache');
    const versioned = typeof res.req.query.v === 'string';
    res.setHeader('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  };
}
