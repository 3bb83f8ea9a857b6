import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import { heldFormView, takeFormFiles } from '../attachments/heldForm.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { answerOnce, type RecordAnswer } from '../idempotency/commands/answerOnce.js';
import { describeFiles } from '../idempotency/fingerprint.js';
import { parseIdempotencyKey } from '../idempotency/key.js';
import { KeyReusedError, keyedRequest } from '../idempotency/request.js';
import { reportByCode } from '../letters/queries.js';
import { renderReceipt } from '../letters/receipt.js';
import { sendReceipt } from '../letters/serve.js';
import { formatCode, formatSecret, resendPath } from '../reports/tracking.js';
import { type FieldErrors, InputError } from '../shared/errors.js';
import { formatDateLong } from '../shared/format.js';
import { grantTracking } from '../tracking/access.js';
import type { Submitted } from './commands/submitReport.js';
import { submitWithUploads } from './commands/submitWithUploads.js';
import { DuplicateReportError, refuseDuplicateBeforeFiles } from './duplicates.js';
import { formValues, presentForm } from './presenter.js';
import { formOptions } from './queries.js';
import { fromWebForm, type WebReportForm } from './schema.js';

declare module 'express-session' {
  interface SessionData {
    /** The report just submitted from this browser, for the thank-you page. */
    submitted?: {
      code: string;
      secret?: string;
      email?: string | null;
      duplicate?: boolean;
      verifyDueAt?: string;
      respondDays?: number;
      /**
       * The idempotency key it was sent with: the thank-you page removes the draft of that
       * key from the phone (public/js/report-sent.js) when the send was not the service
       * worker's (which removes it itself).
       */
      draftKey?: string;
    };
  }
}

type SubmittedSession = NonNullable<SessionData['submitted']>;

/**
 * The form's idempotency key, '_form' being where its refusals show: none for an empty
 * field (a form cached from before the field), and a refusal for one that is no key.
 */
function formKey(raw: unknown): string | undefined {
  return parseIdempotencyKey(typeof raw === 'string' ? raw : undefined, '_form', 'idempotency:errors.formBadKey');
}

/** The posted key, kept when the form comes back with a field error: it is still the same report being written. */
function postedKey(body: unknown): string | undefined {
  try {
    return formKey((body as Record<string, unknown> | undefined)?.idempotency_key);
  } catch {
    return undefined;
  }
}

/** Requests whose form must come back with a new key: their key was used for another report. */
const newKeyFor = new WeakSet<Request>();

export function intakeHandlers(db: Db, config: Config) {
  async function renderForm(req: Request, res: Response, errors?: FieldErrors) {
    // A form that comes back keeps the files it had sent: they are held (attachments/
    // heldForm.ts) and listed, so only the field in error needs fixing.
    const files = errors ? await heldFormView(req, config, res.locals.locale) : undefined;
    const shown = files?.refusal && !errors?.files ? { ...errors, files: files.refusal.fields(res.locals.t).files! } : errors;
    const model = presentForm(await formOptions(db), formValues(req.body), res.locals.t, res.locals.locale, config, {
      errors: shown,
      held: files?.held ?? null,
      filesLost: files?.filesLost ?? false,
      idempotencyKey: (!newKeyFor.has(req) && postedKey(req.body)) || crypto.randomUUID(),
    });
    res.render('intake/form', model);
  }

  return {
    async form(req: Request, res: Response) {
      await renderForm(req, res);
    },

    async invalid(req: Request, res: Response, errors: FieldErrors) {
      await renderForm(req, res, errors);
    },

    async submit(req: Request, res: Response) {
      const form = req.input as WebReportForm;
      if (form.website) {
        // A bot filled the hidden field. No report, no hint of why.
        req.log?.warn('honeypot filled on /lapor');
        throw new InputError({ _form: 'intake:errors.rejected' });
      }
      if (form.desa && form.kecamatan && !form.desa.startsWith(`${form.kecamatan}.`)) {
        throw new InputError({ desa: 'intake:errors.desaNotInKecamatan' });
      }
      const input = fromWebForm(form);
      const uploads = (req.files as Express.Multer.File[] | undefined) ?? [];
      /** What the thank-you page shows; with a key, kept sealed for a repeat, in the report's transaction. */
      const thanks = (result: Submitted): SubmittedSession => ({
        code: result.report.tracking_code,
        secret: result.secret,
        email: input.reporter.email,
        verifyDueAt: result.report.verify_due_at?.toISOString(),
        respondDays: result.respondDays,
      });
      const send = async (record?: RecordAnswer<SubmittedSession>): Promise<SubmittedSession> => {
        // A double tap costs no image work (the intake service checks again under its lock).
        if (uploads.length) await refuseDuplicateBeforeFiles(db, input, uploads, config.intake.duplicateWindowMinutes);
        // Held first, so a refusal from here on keeps every file for the next try.
        const inspected = await takeFormFiles(req, config);
        let kept: SubmittedSession | undefined;
        const result = await submitWithUploads(db, config, {
          input,
          channel: 'web',
          locale: res.locals.locale,
          files: [],
          inspected,
          record:
            record &&
            (async (trx, report, issued) => {
              kept = thanks({ report, ...issued });
              await record(trx, report.id, kept);
            }),
        });
        return kept ?? thanks(result);
      };
      try {
        const key = formKey(form.idempotency_key);
        // A repeat of a key whose report exists (a double tap, a queued send replayed after
        // a lost answer) is led to the same thank-you page, code and secret, as the first.
        const submitted = key
          ? (
              await answerOnce(db, keyedRequest(key, 'web_report', { input, files: await describeFiles(uploads), held: form.held, removeHeld: form.removeHeld }, '_form'), send)
            ).answer
          : await send();
        await grantTracking(req, submitted.code, config.intake.trackingAccessMinutes);
        req.session.submitted = key ? { ...submitted, draftKey: key } : submitted;
      } catch (err) {
        // The key made another report: these changes are a new one, so the form gets a new key.
        if (err instanceof KeyReusedError) newKeyFor.add(req);
        // Not a refusal: the same report sent twice (a double tap) leads to the one already made.
        if (!(err instanceof DuplicateReportError)) throw err;
        req.session.submitted = { code: err.existing.tracking_code, email: input.reporter.email, duplicate: true };
      }
      res.redirect(303, '/lapor/terkirim');
    },

    /**
     * The bukti laporan of the report just sent from this browser. The secret goes in only
     * when the citizen ticked it here (?kunci=1): only this page, right after sending, has it.
     */
    async receipt(req: Request, res: Response) {
      const submitted = req.session.submitted;
      const report = submitted ? await reportByCode(db, submitted.code) : undefined;
      if (!report) return res.redirect(303, '/lapor');
      const secret = req.query.kunci === '1' ? submitted?.secret : undefined;
      sendReceipt(res, report.tracking_code, await renderReceipt(db, config, { report, t: res.locals.t, locale: res.locals.locale, secret }));
    },

    async done(req: Request, res: Response) {
      const submitted = req.session.submitted;
      if (!submitted) return res.redirect(303, '/lapor');
      const t = res.locals.t;
      const locale = res.locals.locale;
      res.set('Cache-Control', 'no-store');
      res.render('intake/done', {
        title: t(submitted.duplicate ? 'intake:done.duplicateTitle' : 'intake:done.title'),
        duplicate: Boolean(submitted.duplicate),
        code: formatCode(submitted.code),
        rawCode: submitted.code,
        secret: submitted.secret ? formatSecret(submitted.secret) : null,
        trackingUrl: submitted.secret ? `${config.publicUrl}/lacak/${submitted.code}?k=${submitted.secret}` : null,
        // The button stays on this host, whatever PUBLIC_URL says (a proxy, a test port).
        trackingPath: submitted.secret ? `/lacak/${submitted.code}?k=${submitted.secret}` : null,
        email: submitted.email,
        resendPath: resendPath(submitted.code),
        verifyBy: submitted.verifyDueAt ? formatDateLong(new Date(submitted.verifyDueAt), locale) : null,
        respondDays: submitted.respondDays,
        viaEmail: submitted.email ? t('intake:done.viaEmail') : '',
        draftKey: submitted.draftKey ?? null,
      });
    },
  };
}
