import { Router } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { limitStores } from '../http/rateLimit.js';
import { open311AdminRouter } from './admin/routes.js';
import { open311Errors, open311NotFound } from './errors.js';
import { open311Locale, publicRead, readHandlers, requireForm, requireFormat } from './handlers.js';
import { requireApiKey } from './keys.js';
import { perAddressLimit, perKeyLimit } from './limits.js';
import { submitHandlers } from './submitHandlers.js';

/**
 * Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2), and the
 * admin page of its client keys. Reads are public and come from published cases only;
 * POST requests needs an api_key and goes through the intake service. Every answer
 * under /open311, errors included, is in the spec's format (JSON or XML by extension).
 */
export function open311Router(db: Db, config: Config): Router {
  const read = readHandlers(db, config);
  const write = submitHandlers(db, config);
  const stores = limitStores(config, db);
  const router = Router();
  const v2 = '/open311/v2';
  router.use('/open311', open311Locale(config));
  router.get(`${v2}/discovery.:format`, requireFormat, publicRead, read.discovery);
  router.get(`${v2}/services.:format`, requireFormat, publicRead, read.services);
  router.get(`${v2}/services/:code.:format`, requireFormat, publicRead, read.definition);
  router.get(`${v2}/requests.:format`, requireFormat, publicRead, read.list);
  router.post(`${v2}/requests.:format`, requireFormat, perAddressLimit(stores), requireForm, requireApiKey(db), perKeyLimit(stores), write.submit);
  router.get(`${v2}/requests/:id.:format`, requireFormat, publicRead, read.show);
  router.get(`${v2}/tokens/:token.:format`, requireFormat, publicRead, read.token);
  router.use('/open311', open311NotFound);
  router.use('/open311', open311Errors);

  router.use(open311AdminRouter(db, config));
  return router;
}
