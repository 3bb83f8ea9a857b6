import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import type { Confirmation } from '../http/confirm.js';
import { flash } from '../http/flash.js';
import { findVisibleReport } from '../reports/access.js';
import { formatCode } from '../reports/tracking.js';
import { AppError, ConflictError, InvalidInputError } from '../shared/errors.js';
import type { Translate } from '../shared/i18n.js';
import { check } from '../shared/validation.js';
import { performAction } from './actions.js';
import { agencyName } from './queries.js';
import { type BulkInput, bulkSchema } from './schema.js';

/** The queue the bulk form came from, with its filters (the form posts to /staf/verifikasi/massal?<filters>). */
function queueUrl(req: Request): string {
  const i = req.originalUrl.indexOf('?');
  return `/staf/verifikasi${i >= 0 ? req.originalUrl.slice(i) : ''}`;
}

/** The single action's parameters for one report of the batch. */
function itemParams(input: BulkInput) {
  return input.action === 'forward' ? { agency: input.agency } : { reason: input.reason, note: input.note };
}

/** Why one report of the batch was not done, in a few words ("status sekarang: Diteruskan"). */
function whyNot(err: AppError, report: Report, t: Translate): string {
  if (err instanceof ConflictError) return t('triage:bulk.why.state', { status: t(`reports:statuses.${report.status}`) });
  if (err instanceof InvalidInputError) return Object.values(err.fields(t)).join(' ');
  return err.describe(t);
}

/**
 * Forward or reject several reports of the verification queue at once (issue 19: "each
 * role starts on its own work"): one confirmation for the batch, then each report through
 * the very checks and command of the single action (performAction), and a result per
 * report: "3 laporan diteruskan ke DPUPR." and "1 tidak dapat diproses: 95D4-K7XW (status
 * sekarang: Diteruskan)." A report that fails does not stop the others.
 */
export function bulkHandlers(db: Db, config: Config) {
  async function load(req: Request, input: BulkInput) {
    const codes = [...new Set(input.codes)];
    return Promise.all(codes.map(async (code) => ({ code, report: await findVisibleReport(db, req.user!, code) })));
  }

  return {
    /** The batch's one confirmation: what happens, to which reports. */
    async confirmation(req: Request, res: Response): Promise<Confirmation> {
      const t = res.locals.t;
      const input = check(bulkSchema, req.body, t);
      const items = await load(req, input);
      const agency = input.action === 'forward' && input.agency ? await agencyName(db, input.agency) : undefined;
      const count = items.length;
      return {
        title: input.action === 'forward' ? t('triage:bulk.confirm.forwardTitle', { count, agency: agency ?? '' }) : t('triage:bulk.confirm.rejectTitle', { count }),
        consequences:
          input.action === 'forward'
            ? [t('triage:bulk.confirm.forwardWhat', { agency: agency ?? '' }), t('triage:bulk.confirm.each')]
            : [t('triage:bulk.confirm.rejectWhat', { reason: t(`triage:reasons.${input.reason}`) }), t('triage:bulk.confirm.each'), t('triage:confirm.final')],
        items: items.map(({ code, report }) => (report ? `${formatCode(report.tracking_code)} · ${report.title}` : t('triage:bulk.confirm.unknown', { code }))),
        confirmLabel: input.action === 'forward' ? t('triage:bulk.confirm.forwardButton', { count }) : t('triage:bulk.confirm.rejectButton', { count }),
        cancelHref: queueUrl(req),
        tone: input.action === 'forward' ? 'primary' : 'danger',
      };
    },

    async run(req: Request, res: Response) {
      const t = res.locals.t;
      const user = req.user!;
      const input = req.input as BulkInput;
      const done: string[] = [];
      const failed: string[] = [];
      for (const { code, report } of await load(req, input)) {
        if (!report) {
          failed.push(`${code} (${t('triage:bulk.why.notFound')})`);
          continue;
        }
        try {
          await performAction(db, config, user, report, input.action, itemParams(input), t);
          done.push(formatCode(report.tracking_code));
        } catch (err) {
          // Collected, not answered: the batch goes on and the notice lists each refusal.
          if (!(err instanceof AppError)) throw err;
          const now = (await findVisibleReport(db, user, report.tracking_code)) ?? report;
          failed.push(`${formatCode(report.tracking_code)} (${whyNot(err, now, t)})`);
        }
      }
      if (done.length) {
        const agency = input.action === 'forward' && input.agency ? await agencyName(db, input.agency) : '';
        flash(req, 'success', t(`triage:bulk.done.${input.action}`, { count: done.length, agency, codes: done.join(', ') }));
      }
      if (failed.length) flash(req, 'error', t('triage:bulk.failed', { count: failed.length, items: failed.join('; ') }));
      res.redirect(303, queueUrl(req));
    },
  };
}
