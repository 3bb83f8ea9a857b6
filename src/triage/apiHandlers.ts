import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { findVisibleReport, visibleReport } from '../reports/access.js';
import { recordIdentityView } from '../reports/commands/recordIdentityView.js';
import { presentStaffReport } from '../reports/presenter.js';
import { reportContext, staffReportDetail } from '../reports/queries.js';
import { formatCode } from '../reports/tracking.js';
import { staffSourceOf, takenByOf } from '../staffintake/presenter.js';
import { check } from '../shared/validation.js';
import { performAction } from './actions.js';
import type { StaffAction } from './policy.js';
import { verificationQueue } from './queries.js';
import { apiActionSchema, queueFilterSchema } from './schema.js';

/**
 * The staff API: the same queries, policy and actions as the pages, as JSON. What it
 * refuses (403, 404, 409, 422) the error handler answers.
 */
export function triageApiHandlers(db: Db, config: Config) {
  async function show(req: Request, res: Response, report: Report) {
    const [detail, ctx] = await Promise.all([staffReportDetail(db, report.id), reportContext(db, report)]);
    // A report taken by staff: how it came and who entered it (null for the other channels).
    const body = { ...presentStaffReport(report, detail, ctx, req.user!), source: staffSourceOf(report, takenByOf(detail.events)) };
    // Integrations read the reporter with the report; each response that carries it is logged.
    await recordIdentityView(db, report, body.reporter, 'api');
    res.json(body);
  }

  return {
    /**
     * The verification queue. A `q` that is the code of a report this user may see ("95D4-K7XW",
     * "95d4k7xw") answers that report alone, whatever its status; any other `q` is a text search.
     */
    async list(req: Request, res: Response) {
      const filter = check(queueFilterSchema, req.query, res.locals.t);
      const found = filter.q ? await findVisibleReport(db, req.user!, filter.q) : undefined;
      if (found) {
        const ctx = await reportContext(db, found);
        res.json({
          reports: [{
            code: found.tracking_code,
            displayCode: formatCode(found.tracking_code),
            title: found.title,
            kind: found.kind,
            channel: found.channel,
            status: found.status,
            category: ctx.category?.name ?? null,
            region: ctx.region?.name ?? null,
            verifyDueAt: found.verify_due_at,
            returned: found.returned_count > 0,
          }],
          next: null,
        });
        return;
      }
      const { rows, next } = await verificationQueue(db, filter);
      res.json({
        reports: rows.map((r) => ({
          code: r.tracking_code,
          displayCode: formatCode(r.tracking_code),
          title: r.title,
          kind: r.kind,
          channel: r.channel,
          status: r.status,
          category: r.category_name,
          region: r.region_name,
          verifyDueAt: r.verify_due_at,
          returned: r.returned_count > 0,
        })),
        next,
      });
    },

    async show(req: Request, res: Response) {
      await show(req, res, await visibleReport(db, req.user!, req.params.code));
    },

    /** `{action, ...parameters}`: the report as staff see it after the action. */
    async act(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      const t = res.locals.t;
      const { action, ...params } = check(apiActionSchema, req.body, t) as { action: StaffAction } & Record<string, unknown>;
      await show(req, res, await performAction(db, config, req.user!, report, action, params, t));
    },
  };
}
