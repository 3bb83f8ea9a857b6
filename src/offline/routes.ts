import { Router } from 'express';
import type { Config } from '../config.js';
import { offlineHandlers } from './handlers.js';

/** The report form offline (issue 24): its service worker, the queue's page, the web app manifest and icons. */
export function offlineRouter(config: Config): Router {
  const h = offlineHandlers(config);
  const router = Router();
  router.get('/sw.js', h.serviceWorker);
  router.get('/static/vendor/idb-keyval.js', h.idbKeyval);
  router.get('/manifest.webmanifest', h.manifest);
  router.get('/icons/icon-:size.png', h.icon);
  router.get('/lapor/antrean', h.queued);
  return router;
}
