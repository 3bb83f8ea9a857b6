import { type Request, type Response, Router } from 'express';
import Joi from 'joi';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { InboundOutcome } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { check } from '../shared/validation.js';
import { recordMailView } from '../reports/commands/recordIdentityView.js';

const OUTCOMES: InboundOutcome[] = ['report', 'reply', 'note', 'bounce', 'auto_reply', 'own', 'limited', 'duplicate', 'unreadable'];
const PAGE_SIZE = 50;

const filterSchema = Joi.object<{ outcome?: InboundOutcome; page: number }>({
  outcome: Joi.string().valid(...OUTCOMES).empty('').label('mailin:fields.outcome'),
  page: Joi.number().integer().min(1).max(10_000).empty('').default(1).label('mailin:fields.page'),
}).unknown(false);

/**
 * /admin/surel-masuk: what the intake mailbox delivered and what became of each mail, so
 * a mail that made no report (a flood, an unreadable one) is never silently gone.
 * Senders' addresses are personal data: admins only, never cached.
 */
export function mailinAdminRouter(db: Db, config: Config): Router {
  const router = Router();
  router.get('/admin/surel-masuk', requirePermission('outbox:manage'), async (req: Request, res: Response) => {
    const t = res.locals.t;
    const filter = check(filterSchema, req.query, t);
    let q = db
      .selectFrom('inbound_mails as m')
      .leftJoin('reports as r', 'r.id', 'm.report_id')
      .select(['m.id', 'm.from_address', 'm.subject', 'm.outcome', 'm.detail', 'm.received_at', 'r.tracking_code', 'm.report_id']);
    if (filter.outcome) q = q.where('m.outcome', '=', filter.outcome);
    const rows = await q.orderBy('m.id', 'desc').limit(PAGE_SIZE + 1).offset((filter.page - 1) * PAGE_SIZE).execute();
    // Senders' addresses are on this page: the audit log names whose reports they belong to.
    await recordMailView(db, 'inbound_list', rows.slice(0, PAGE_SIZE).map((m) => m.report_id));
    const page = (n: number) => `?${new URLSearchParams({ ...(filter.outcome ? { outcome: filter.outcome } : {}), page: String(n) })}`;
    res.set('Cache-Control', 'no-store');
    res.render('mailin/inbound', {
      title: t('mailin:list.title'),
      enabled: Boolean(config.mailIntake.imapUrl),
      folder: config.mailIntake.processedFolder,
      mails: rows.slice(0, PAGE_SIZE).map((m) => ({
        ...m,
        outcomeLabel: t(`mailin:outcomes.${m.outcome}`),
        code: m.tracking_code,
        displayCode: m.tracking_code ? formatCode(m.tracking_code) : null,
      })),
      outcomes: OUTCOMES.map((o) => ({ value: o, label: t(`mailin:outcomes.${o}`), selected: o === filter.outcome })),
      previous: filter.page > 1 ? page(filter.page - 1) : null,
      next: rows.length > PAGE_SIZE ? page(filter.page + 1) : null,
    });
  });
  return router;
}
