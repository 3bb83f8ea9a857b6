import type { Request, Response } from 'express';
import { heldFormView, takeFormFiles } from '../attachments/heldForm.js';
import { sendAttachment } from '../attachments/serve.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { flash } from '../http/flash.js';
import { letterFile } from '../letters/queries.js';
import { presentLetters } from '../letters/presenter.js';
import { renderReceipt } from '../letters/receipt.js';
import { sendLetter, sendReceipt } from '../letters/serve.js';
import { reportChanged } from '../notify/live/bus.js';
import { LIMITS } from '../reports/limits.js';
import { formatCode, normalizeCode, resendPath } from '../reports/tracking.js';
import { isClosed } from '../reports/statuses.js';
import { type FieldErrors, InputError, notFound } from '../shared/errors.js';
import { findByCodeAndSecret, findTrackedInSession, grantTracking, leaveTracking } from './access.js';
import { addInformationWithUploads } from './commands/addInformation.js';
import { confirmResolved, rateAnswer } from './commands/closeWithRating.js';
import { RESEND_VALID_HOURS, resendTrackingLink } from './commands/resendLink.js';
import { respondToAnswer } from './commands/respondToAnswer.js';
import { presentTracking } from './presenter.js';
import { citizenAttachment, citizenView, mergedTarget, reportById } from './queries.js';

export function trackingHandlers(db: Db, config: Config) {
  function renderLookup(res: Response, values: { code?: string }, failed?: boolean, errors?: FieldErrors) {
    res.set('Cache-Control', 'no-store');
    const code = normalizeCode(values.code);
    res.render('tracking/lookup', {
      title: res.locals.t('tracking:lookup.title'),
      values,
      failed,
      errors,
      resendPath: resendPath(code),
    });
  }

  function renderResend(res: Response, values: { code?: string; contact?: string }, errors?: FieldErrors) {
    res.set('Cache-Control', 'no-store');
    res.render('tracking/resend', { title: res.locals.t('tracking:resend.title'), values, errors });
  }

  async function renderReport(req: Request, res: Response, report: Report, errors?: FieldErrors, files?: Awaited<ReturnType<typeof heldFormView>>) {
    const t = res.locals.t;
    const [{ ctx, timeline, letters }, merged] = await Promise.all([
      citizenView(db, report),
      report.status === 'merged' ? mergedTarget(db, report) : undefined,
    ]);
    res.set('Cache-Control', 'no-store');
    res.render('tracking/report', {
      ...presentTracking(report, ctx, timeline, t, res.locals.locale, merged),
      errors: files?.refusal && !errors?.files ? { ...errors, files: files.refusal.fields(t).files! } : errors,
      // The "add information" form that came back keeps the files it had sent.
      held: files?.held ?? null,
      filesLost: files?.filesLost ?? false,
      accessMinutes: config.intake.trackingAccessMinutes,
      letters: presentLetters(letters, report.tracking_code, res.locals.locale),
      values: req.method === 'POST' ? req.body : {},
      addHint: t('tracking:actions.addHint', { max: LIMITS.messageMax }),
      filesHint: t('intake:form.filesHint', {
        count: config.uploads.maxFiles,
        mb: Math.round((config.uploads.maxFileBytes / 1024 / 1024) * 10) / 10,
      }),
    });
  }

  /** The report this browser may act on, or 404 exactly like an unknown code. */
  async function tracked(req: Request): Promise<Report> {
    const report = await findTrackedInSession(db, req, req.params.code, config.intake.trackingAccessMinutes);
    if (!report) throw notFound();
    return report;
  }

  /**
   * Runs a citizen action. A rule it breaks (InputError, or a TransitionError when the
   * status changed meanwhile) goes to the error handler, which shows it on the report
   * page through `refusedAction`.
   */
  function action(run: (req: Request, report: Report) => Promise<string>) {
    return async (req: Request, res: Response) => {
      const report = await tracked(req);
      const message = await run(req, report);
      reportChanged(await reportById(db, report.id));
      flash(req, 'success', res.locals.t(message));
      res.redirect(303, `/lacak/${report.tracking_code}`);
    };
  }

  /**
   * A file of the report, to the browser that holds its tracking access (the page's own
   * rule) and only if the citizen may see it (queries.ts, attachmentsOf); anything else is
   * the same 404 as an unknown file.
   */
  async function file(req: Request, res: Response, thumbnail: boolean) {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
    const report = await tracked(req);
    const row = await citizenAttachment(db, report.id, id);
    if (!row || !sendAttachment(res, config, row, thumbnail)) throw notFound();
  }

  return {
    /** The answer letter (surat jawaban) as issued, to the browser holding the report's access; else 404. */
    async letter(req: Request, res: Response) {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
      const report = await tracked(req);
      const letter = await letterFile(db, report.id, id);
      if (!letter) throw notFound();
      sendLetter(res, report.tracking_code, letter);
    },

    /** The bukti laporan, for the browser holding the report's access; never with the secret (intake's thank-you page alone may add it). */
    async receipt(req: Request, res: Response) {
      const report = await tracked(req);
      sendReceipt(res, report.tracking_code, await renderReceipt(db, config, { report, t: res.locals.t, locale: res.locals.locale }));
    },

    /** A file of the report as sent (after inspection): photos inline, documents as downloads. */
    original: (req: Request, res: Response) => file(req, res, false),
    /** A photo's thumbnail, for the page. */
    thumbnail: (req: Request, res: Response) => file(req, res, true),

    lookupForm(req: Request, res: Response) {
      renderLookup(res, {});
    },

    invalidLookup(req: Request, res: Response, errors: FieldErrors) {
      renderLookup(res, { code: String(req.body?.code ?? '') }, false, errors);
    },

    async lookup(req: Request, res: Response) {
      const { code, secret } = req.input as { code: string; secret: string };
      const report = await findByCodeAndSecret(db, code, secret);
      if (!report) {
        res.status(404);
        return renderLookup(res, { code }, true);
      }
      await grantTracking(req, report.tracking_code, config.intake.trackingAccessMinutes);
      res.redirect(303, `/lacak/${report.tracking_code}`);
    },

    /** "Kirim ulang tautan": the form, with the code filled in when the link gave it. */
    resendForm(req: Request, res: Response) {
      const code = normalizeCode(req.query.kode);
      renderResend(res, { code: code ? formatCode(code) : '' });
    },

    invalidResend(req: Request, res: Response, errors: FieldErrors) {
      renderResend(res, { code: String(req.body?.code ?? '').slice(0, 20), contact: String(req.body?.contact ?? '').slice(0, 254) }, errors);
    },

    /** The same answer whatever happened: the page must not tell which codes exist or whose contact they carry. */
    async resend(req: Request, res: Response) {
      const { code, contact } = req.input as { code: string; contact: string };
      const outcome = await resendTrackingLink(db, config, { code, contact, locale: res.locals.locale });
      req.log?.info({ outcome }, 'tracking link resend asked');
      flash(req, 'info', res.locals.t('tracking:resend.done', { hours: RESEND_VALID_HOURS }));
      res.redirect(303, '/lacak');
    },

    /** "Keluar": this browser gives up the report; the page then asks for code and secret again. */
    async leave(req: Request, res: Response) {
      const code = normalizeCode(req.params.code);
      if (code) leaveTracking(req, code);
      flash(req, 'info', res.locals.t('tracking:leave.done'));
      res.redirect(303, '/lacak');
    },

    async show(req: Request, res: Response) {
      const key = req.query.k;
      if (typeof key === 'string') {
        const report = await findByCodeAndSecret(db, req.params.code, key);
        if (!report) {
          res.status(404);
          return renderLookup(res, { code: String(req.params.code ?? '').slice(0, 20) }, true);
        }
        await grantTracking(req, report.tracking_code, config.intake.trackingAccessMinutes);
        // The secret leaves the address bar (and screenshots, and shared links).
        return res.redirect(303, `/lacak/${report.tracking_code}`);
      }
      const report = await findTrackedInSession(db, req, req.params.code, config.intake.trackingAccessMinutes);
      if (!report) return renderLookup(res, { code: normalizeCode(req.params.code) ?? '' });
      await renderReport(req, res, report);
    },

    /** The report page again with what was refused; a report this browser may not act on stays unknown (404). */
    async refusedAction(req: Request, res: Response, errors: FieldErrors) {
      const report = await findTrackedInSession(db, req, req.params.code, config.intake.trackingAccessMinutes);
      if (!report) {
        res.status(404);
        return renderLookup(res, { code: normalizeCode(req.params.code) ?? '' });
      }
      await renderReport(req, res, report, errors);
    },

    /** The same for "add information", whose form keeps the files it had sent (held). */
    async refusedInformation(req: Request, res: Response, errors: FieldErrors) {
      const report = await findTrackedInSession(db, req, req.params.code, config.intake.trackingAccessMinutes);
      if (!report) {
        res.status(404);
        return renderLookup(res, { code: normalizeCode(req.params.code) ?? '' });
      }
      const files = isClosed(report.status) ? undefined : await heldFormView(req, config, res.locals.locale);
      await renderReport(req, res, report, errors, files);
    },

    addInformation: action(async (req, report) => {
      const { body } = req.input as { body: string };
      // A closed report takes nothing: refused before any file is held or re-encoded.
      if (isClosed(report.status)) throw new InputError({ body: 'tracking:errors.closed' });
      // Held first, so a refusal from here on keeps every file for the next try.
      const inspected = await takeFormFiles(req, config);
      await addInformationWithUploads(db, config, { report, body, files: [], inspected });
      return 'tracking:actions.added';
    }),

    respond: action(async (req, report) => {
      const { reply, appeal } = req.input as { reply: string; appeal: boolean };
      await respondToAnswer(db, { report, body: reply, appeal });
      return 'tracking:actions.replied';
    }),

    resolve: action(async (req, report) => {
      const { rating, comment } = req.input as { rating: number | null; comment: string | null };
      await confirmResolved(db, { report, rating: rating ? { rating, comment } : null, comment });
      return 'tracking:actions.resolved';
    }),

    rate: action(async (req, report) => {
      const { rating, comment } = req.input as { rating: number; comment: string | null };
      await rateAnswer(db, { report, rating: { rating, comment } });
      return 'tracking:actions.rated';
    }),
  };
}
