import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { checkHealth } from './checks.js';
import { presentHealth } from './presenter.js';

/** /admin/kesehatan: the admin's start page (the route checks `health:read`). */
export function healthHandlers(database: Database, config: Config) {
  return {
    async page(_req: Request, res: Response) {
      const facts = await checkHealth(database, config);
      res.render('health/index', presentHealth(facts, config, res.locals.t, res.locals.locale));
    },
  };
}
