import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import { resolveFilter } from './filter.js';
import { presentAgenciesApi } from './presenter.js';
import { agencyCodes } from './queries.js';
import type { SharedFigures } from './sharedFigures.js';

/** The dashboard's figures as JSON: what the page's charts and live refresh read. */
export function dashboardApiHandlers(db: Db, figures: SharedFigures) {
  return {
    async agencies(req: Request, res: Response) {
      const resolved = await resolveFilter(db, req);
      const { value: rows, asOf } = await figures.of(req, resolved.filter).agencies();
      const codes = await agencyCodes(db);
      res.json(presentAgenciesApi({ resolved, asOf, rows, agencyCodes: codes }, res.locals.locale));
    },
  };
}
