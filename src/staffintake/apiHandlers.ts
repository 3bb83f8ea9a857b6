import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { DuplicateReportError } from '../intake/duplicates.js';
import { currentDue } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { takeReport } from './commands/takeReport.js';
import { staffSourceOf } from './presenter.js';
import { fromStaffApi, sourceOf, type StaffReportApi } from './schema.js';

/**
 * POST /api/v1/staff/reports: the page's report as JSON (or multipart with files), for a
 * staff session or an API token. 201 with the code and, once, the secret (the reporter's
 * to keep; only its hash is stored); 200 with the report already made for the same report
 * sent again. Refusals are the error handler's 422 {errors:[{field,message}]}.
 */
export function staffIntakeApiHandlers(db: Db, config: Config) {
  return {
    async create(req: Request, res: Response) {
      const body = req.input as StaffReportApi;
      const source = sourceOf(body);
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      try {
        const { report, secret, trackingUrl } = await takeReport(db, config, { actor: req.user!, input: fromStaffApi(body), source, locale: res.locals.locale, files });
        res.status(201).location(`/api/v1/staff/reports/${report.tracking_code}`).json({
          code: report.tracking_code,
          displayCode: formatCode(report.tracking_code),
          status: report.status,
          channel: report.channel,
          source: staffSourceOf(report, { name: req.user!.name, agency: null }),
          secret,
          trackingUrl,
          dueAt: currentDue(report)?.toISOString() ?? null,
        });
      } catch (err) {
        if (!(err instanceof DuplicateReportError)) throw err;
        const existing = await db.selectFrom('reports').select(['tracking_code', 'status']).where('id', '=', err.existing.id).executeTakeFirstOrThrow();
        res.status(200).json({ code: existing.tracking_code, displayCode: formatCode(existing.tracking_code), status: existing.status, duplicate: true });
      }
    },
  };
}
