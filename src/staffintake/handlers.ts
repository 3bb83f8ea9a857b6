import type { Request, Response } from 'express';
import { heldFormView, takeFormFiles } from '../attachments/heldForm.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { SOCIAL_PLATFORMS, type StaffSource } from '../db/schema.js';
import { DuplicateReportError } from '../intake/duplicates.js';
import { formValues, presentForm } from '../intake/presenter.js';
import { formOptions } from '../intake/queries.js';
import { reportByCode } from '../letters/queries.js';
import { renderReceipt } from '../letters/receipt.js';
import { sendReceipt } from '../letters/serve.js';
import { canViewReport } from '../reports/access.js';
import { LIMITS } from '../reports/limits.js';
import { formatCode } from '../reports/tracking.js';
import { type FieldErrors, InputError } from '../shared/errors.js';
import { takeReport } from './commands/takeReport.js';
import { takeableSources } from './policy.js';
import { fromStaffForm, sourceOf, type StaffReportForm } from './schema.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * The report this staff member just recorded, for the page after saving and its
     * receipt. The secret is kept here (as the citizen's thank-you page keeps it) only
     * until the next report is recorded or the form is opened again; the database has
     * its hash alone.
     */
    taken?: { code: string; secret?: string; source: StaffSource; email: string | null; duplicate?: boolean };
  }
}

export function staffIntakeHandlers(db: Db, config: Config) {
  async function renderForm(req: Request, res: Response, errors?: FieldErrors) {
    const t = res.locals.t;
    const actor = req.user!;
    const files = errors ? await heldFormView(req, config, res.locals.locale) : undefined;
    const shown = files?.refusal && !errors?.files ? { ...errors, files: files.refusal.fields(t).files! } : errors;
    const values = formValues(req.body);
    const base = presentForm(await formOptions(db), values, t, res.locals.locale, config, {
      errors: shown,
      held: files?.held ?? null,
      filesLost: files?.filesLost ?? false,
    });
    const sources = takeableSources(actor);
    const chosen = values.source ?? (sources.length === 1 ? sources[0] : undefined);
    const agency = actor.agencyId ? await db.selectFrom('agencies').select('name').where('id', '=', actor.agencyId).executeTakeFirst() : undefined;
    res.render('staffintake/form', {
      ...base,
      title: t('staffintake:form.title'),
      lead: agency && sources.length < 5 ? t('staffintake:form.leadOpd', { agency: agency.name }) : t('staffintake:form.lead'),
      sources: sources.map((s) => ({ value: s, label: t(`staffintake:sources.${s}`), hint: t(`staffintake:form.sourceHints.${s}`), checked: s === chosen })),
      platforms: SOCIAL_PLATFORMS.map((p) => ({ value: p, label: t(`staffintake:platforms.${p}`), selected: p === values.platform })),
      offers: { social: sources.includes('social_media'), lapor: sources.includes('lapor'), letter: sources.includes('letter') },
      hints: { ...base.hints, name: t('staffintake:form.nameHint', { max: LIMITS.nameMax }) },
      maxDate: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10),
    });
  }

  return {
    async form(req: Request, res: Response) {
      // A new report: the last one's secret is not needed any more.
      delete req.session.taken;
      await renderForm(req, res);
    },

    async invalid(req: Request, res: Response, errors: FieldErrors) {
      await renderForm(req, res, errors);
    },

    async submit(req: Request, res: Response) {
      const form = req.input as StaffReportForm;
      const input = fromStaffForm(form);
      if (form.desa && form.kecamatan && !form.desa.startsWith(`${form.kecamatan}.`)) {
        throw new InputError({ desa: 'intake:errors.desaNotInKecamatan' });
      }
      try {
        // Held first, so a refusal from here on keeps every file for the next try.
        const inspected = await takeFormFiles(req, config);
        const result = await takeReport(db, config, { actor: req.user!, input, source: sourceOf(form), locale: res.locals.locale, files: [], inspected });
        req.session.taken = { code: result.report.tracking_code, secret: result.secret, source: form.source, email: input.reporter.email };
      } catch (err) {
        // The same report saved twice (a double tap) leads to the one already made.
        if (!(err instanceof DuplicateReportError)) throw err;
        req.session.taken = { code: err.existing.tracking_code, source: form.source, email: input.reporter.email, duplicate: true };
      }
      res.redirect(303, '/staf/laporan/baru/tercatat');
    },

    async done(req: Request, res: Response) {
      const taken = req.session.taken;
      const report = taken ? await reportByCode(db, taken.code) : undefined;
      if (!taken || !report) return res.redirect(303, '/staf/laporan/baru');
      const t = res.locals.t;
      res.set('Cache-Control', 'no-store');
      res.render('staffintake/done', {
        title: t(taken.duplicate ? 'staffintake:done.duplicateTitle' : 'staffintake:done.title'),
        duplicate: Boolean(taken.duplicate),
        code: formatCode(taken.code),
        email: taken.email,
        noContact: t(`staffintake:done.noContact.${taken.source}`),
        // The key goes on the receipt only for a reporter standing at the desk.
        offerSecret: Boolean(taken.secret) && taken.source === 'walk_in',
        // An OPD's walk-in waits for Diskominfo's verification: its page opens once forwarded there.
        reportPath: canViewReport(req.user!, report) ? `/staf/laporan/${taken.code}` : null,
      });
    },

    /** The bukti laporan of the report just recorded; with its secret only when asked for a walk-in (?kunci=1). */
    async receipt(req: Request, res: Response) {
      const taken = req.session.taken;
      const report = taken ? await reportByCode(db, taken.code) : undefined;
      if (!taken || !report) return res.redirect(303, '/staf/laporan/baru');
      const secret = req.query.kunci === '1' && taken.source === 'walk_in' ? taken.secret : undefined;
      sendReceipt(res, report.tracking_code, await renderReceipt(db, config, { report, t: res.locals.t, locale: res.locals.locale, secret }));
    },
  };
}
