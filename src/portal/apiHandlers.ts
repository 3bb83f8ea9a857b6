import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { check } from '../shared/validation.js';
import { presentCase } from './presenter.js';
import { searchPublished } from './queries.js';
import { portalFilterSchema } from './schema.js';

/** The portal's search as JSON, for anyone (CORS open). */
export function portalApiHandlers(db: Db, config: Config) {
  return {
    async search(req: Request, res: Response) {
      const filter = check(portalFilterSchema, req.query, res.locals.t);
      const { rows, hasNext } = await searchPublished(db, filter);
      res.set({ 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' });
      res.json({ reports: rows.map((r) => presentCase(r, config)), page: filter.page, next: hasNext ? filter.page + 1 : null });
    },
  };
}
