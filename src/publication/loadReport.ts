import type { RequestHandler, Response } from 'express';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { visibleReport } from '../reports/access.js';
import { notFound } from '../shared/errors.js';
import { draftPublication } from './commands/draft.js';
import { findPublication } from './queries.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's request types live in a global namespace: augmenting them takes one
  namespace Express {
    interface Locals {
      /** The report whose publication this request is about (set by loadReport). */
      publicationReport?: Report;
    }
  }
}

/**
 * The report of :code, for a publication route: 404 unless the viewer may see it and it
 * has a publication. Runs before the body is validated, so a report that is not there is
 * a 404 whatever was sent. A report resolved before drafts existed (or by a path that made
 * none) gets its draft here, the first time someone looks.
 */
export function loadReport(db: Db): RequestHandler {
  return async (req, res, next) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    const exists = (await findPublication(db, report.id)) ?? (await draftPublication(db, report.id));
    if (!exists) throw notFound();
    res.locals.publicationReport = report;
    next();
  };
}

/** The report loadReport found for this request. */
export function loadedReport(res: Response): Report {
  const report = res.locals.publicationReport;
  // A route table that forgot loadReport: a programming error, not a user's.
  if (!report) throw new Error('publication route without loadReport');
  return report;
}
