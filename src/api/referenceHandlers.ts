import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { check } from '../shared/validation.js';
import { openApiDocument } from './openapi.js';
import { listAgencies, listCategories, listRegions } from './queries.js';
import { regionsQuerySchema } from './schema.js';

/**
 * The lists a client needs to fill the report form: active categories, active agencies,
 * and the regency's kecamatan, desa and kelurahan. Public data that changes rarely, so
 * shared caches may keep it for five minutes.
 */
const CACHE = 'public, max-age=300';

export function referenceHandlers(db: Db, config: Config) {
  const openApi = JSON.stringify(openApiDocument(config));
  return {
    async categories(_req: Request, res: Response) {
      res.set('Cache-Control', CACHE).json(await listCategories(db));
    },

    async agencies(_req: Request, res: Response) {
      res.set('Cache-Control', CACHE).json(await listAgencies(db));
    },

    /** ?parent=33.18.01 (a kecamatan's desa) and ?level=kecamatan|desa|kelurahan; anything else is 422. */
    async regions(req: Request, res: Response) {
      const filter = check(regionsQuerySchema, { ...req.query }, res.locals.t);
      res.set('Cache-Control', CACHE).json(await listRegions(db, filter));
    },

    /** GET /api/v1/openapi.json: the document of this API, built once. */
    openApi(_req: Request, res: Response) {
      res.set('Cache-Control', CACHE).type('application/json').send(openApi);
    },
  };
}
