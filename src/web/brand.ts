import path from 'node:path';
import { Router } from 'express';
import type { Config } from '../config.js';
import { PUBLIC_DIR } from '../paths.js';

/** The address of the Pemkab's logo, changing with the file (so it may be cached long), or undefined. */
export function logoUrl(config: Config): string | undefined {
  return config.orgLogo ? `/logo?v=${config.orgLogo.version}` : undefined;
}

/**
 * The site's icon (browsers ask for /favicon.ico on every page, whatever the page links)
 * and the Pemkab's logo from ORG_LOGO_PATH (config.ts checked it at start).
 */
export function brandRouter(config: Config): Router {
  const router = Router();
  const long = config.env === 'production' ? 'public, max-age=604800' : 'no-cache';
  router.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', long).type('image/x-icon').sendFile(path.join(PUBLIC_DIR, 'favicon.ico'));
  });
  const logo = config.orgLogo;
  if (logo) {
    router.get('/logo', (_req, res) => {
      // An SVG opened on its own is a document of this site: it may not run anything.
      res.set({ 'Cache-Control': 'public, max-age=31536000, immutable', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
      res.type(logo.type).sendFile(logo.path);
    });
  }
  return router;
}
