import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import { recordMailView } from '../reports/commands/recordIdentityView.js';
import { notFound } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { retryMail } from './commands/retryMail.js';
import { presentMail, presentMailRow, statusOptions } from './presenter.js';
import { findMail, listOutbox, mailAttachmentNames } from './queries.js';
import { outboxFilterSchema } from './schema.js';
import { maskSecret } from './secrets.js';

/**
 * The mail's own HTML is shown in an iframe from its own route, with a CSP that makes
 * it a sandboxed, unique origin: no scripts, no forms, nothing loaded from outside (a
 * tracking pixel would tell its sender that an admin read the mail), inline styles
 * only, since that is how e-mail is styled. Only our own pages may frame it.
 */
const MAIL_HTML_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

function mailId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

export function notifyHandlers(db: Db, config: Config) {
  return {
    async list(req: Request, res: Response) {
      const t = res.locals.t;
      const filter = check(outboxFilterSchema, req.query, t);
      const { rows, hasNext } = await listOutbox(db, filter);
      // Reporters' addresses are on this page: the audit log names whose.
      await recordMailView(db, 'outbox_list', rows.map((r) => r.report_id));
      const query = (page: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...filter, page })) if (v !== undefined && v !== '') params.set(k, String(v));
        return `?${params.toString()}`;
      };
      res.render('notify/index', {
        title: t('notify:list.title'),
        devOutbox: !config.mail.smtpUrl,
        mails: rows.map((r) => presentMailRow(r, t)),
        filter,
        statuses: statusOptions(t, filter.status),
        page: filter.page,
        previous: filter.page > 1 ? query(filter.page - 1) : null,
        next: hasNext ? query(filter.page + 1) : null,
      });
    },

    async show(req: Request, res: Response) {
      const row = await findMail(db, mailId(req));
      if (!row) throw notFound();
      const t = res.locals.t;
      await recordMailView(db, 'outbox_mail', [row.report_id]);
      res.render('notify/show', {
        title: t('notify:detail.title', { id: row.id }),
        mail: presentMail(row, t, config.mail.from),
        attachments: await mailAttachmentNames(db, row.id),
      });
    },

    async html(req: Request, res: Response) {
      const row = await findMail(db, mailId(req));
      if (!row?.html_body) throw notFound();
      res.set({
        'Content-Security-Policy': MAIL_HTML_CSP,
        'Cache-Control': 'no-store',
        'X-Frame-Options': 'SAMEORIGIN',
      });
      res.type('html').send(maskSecret(row.html_body));
    },

    async retry(req: Request, res: Response) {
      const id = mailId(req);
      const t = res.locals.t;
      const result = await retryMail(db, id);
      if (!result) throw notFound();
      if (result === 'queued') {
        req.log?.info({ outboxId: id, by: req.user!.id }, 'mail queued again by an admin');
        flash(req, 'success', t('notify:retry.done', { id }));
      } else {
        flash(req, 'error', t(result === 'secret_gone' ? 'notify:retry.secretGone' : 'notify:retry.notFailed'));
      }
      res.redirect(303, `/admin/outbox/${id}`);
    },
  };
}
