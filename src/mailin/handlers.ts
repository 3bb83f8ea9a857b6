import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { recordMailView } from '../reports/commands/recordIdentityView.js';
import { check } from '../shared/validation.js';
import { presentInboundList } from './presenter.js';
import { inboundMails } from './queries.js';
import { filterSchema } from './schema.js';

const PAGE_SIZE = 50;

/**
 * /admin/surel-masuk: what the intake mailbox delivered and what became of each mail, so
 * a mail that made no report (a flood, an unreadable one) is never silently gone.
 * Senders' addresses are personal data: admins only, never cached.
 */
export function mailinAdminHandlers(db: Db, config: Config) {
  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(filterSchema, req.query, t);
      const rows = await inboundMails(db, filter, PAGE_SIZE);
      // Senders' addresses are on this page: the audit log names whose reports they belong to.
      await recordMailView(db, 'inbound_list', rows.slice(0, PAGE_SIZE).map((m) => m.report_id));
      res.render('mailin/inbound', presentInboundList(rows, filter, PAGE_SIZE, config, t));
    },
  };
}
