import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { flash } from '../http/flash.js';
import { visibleReport } from '../reports/access.js';
import { normalizeCode } from '../reports/tracking.js';
import { type FieldErrors, forbidden, InputError, notFound } from '../shared/errors.js';
import { type AnswerStep, answerStep } from './actions.js';
import { canAnswer } from './policy.js';
import { openDraft } from './queries.js';
import { templatesFor } from './templates.js';

/** The draft named in the URL; anything but a positive integer names none. */
export function draftId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** What a step did, as the notice after it says it. */
export function answerOutcome(step: AnswerStep, after: Report): string {
  switch (step) {
    case 'create':
    case 'update':
      return 'answers:page.saved';
    case 'submit':
      return 'answers:page.submitted';
    case 'approve':
    case 'editApprove':
      // Sent at once, or waiting for the coordinator's validation (the setting).
      return after.status === 'answered' ? 'answers:page.approvedSent' : 'answers:page.approvedToValidate';
    case 'return':
      return 'answers:page.returnedDone';
    case 'validate':
      return 'answers:page.validatedSent';
    case 'refuse':
      return 'answers:page.refusedDone';
  }
}

/** The answer section of the staff report page, where every step comes back to. */
const answerSection = (code: string) => `/staf/laporan/${code}#jawaban`;

/**
 * The answer's forms on the staff report page. Each step ends on the report page with a
 * notice: done, or why not (`refused`, which the routes register for every step).
 */
export function answerHandlers(db: Db, config: Config) {
  return {
    step(step: AnswerStep, withId: boolean) {
      return async (req: Request, res: Response) => {
        const report = await visibleReport(db, req.user!, req.params.code);
        const id = withId ? draftId(req) : undefined;
        // The page's one form starts a draft and saves over it: with a version, it saves.
        const chosen: AnswerStep = step === 'create' && req.body?.version ? 'update' : step;
        // "Simpan dan ajukan" submits what is on the screen: the text is saved first (and
        // stays saved if the submission is refused, e.g. for a blank left in it).
        const { then, ...params } = (req.body ?? {}) as Record<string, unknown>;
        const thenSubmit = step === 'create' && then === 'submit';
        const result = await answerStep(db, config, req.user!, report, chosen, params, res.locals.t, chosen === 'update' ? Number(params.id) : id);
        if (thenSubmit && result.draft) {
          const submitted = await answerStep(db, config, req.user!, result.report, 'submit', {}, res.locals.t, result.draft.id);
          flash(req, 'success', res.locals.t(answerOutcome('submit', submitted.report)));
        } else {
          flash(req, 'success', res.locals.t(answerOutcome(chosen, result.report)));
        }
        res.redirect(303, answerSection(report.tracking_code));
      };
    },

    /** "Gunakan templat ini": a new draft from a template, filled for this report. */
    async fromTemplate(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      // Policy first, as for every other step: a role that may not draft gets 403, not a notice.
      if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
      const chosen = (await templatesFor(db, report)).find((x) => x.id === Number(req.body?.templateId));
      if (!chosen) throw new InputError({ templateId: 'answers:errors.template' });
      if (await openDraft(db, report.id)) throw new InputError({ templateId: 'answers:errors.draftExists' });
      await answerStep(db, config, req.user!, report, 'create', { body: chosen.body }, res.locals.t);
      flash(req, 'success', res.locals.t('answers:page.saved'));
      res.redirect(303, answerSection(report.tracking_code));
    },

    /**
     * A step refused (invalid input, a stale draft, a state that does not allow it): the
     * report page again, with why as a notice above the answer section.
     */
    refused(req: Request, res: Response, errors: FieldErrors) {
      flash(req, 'error', Object.values(errors).join(' '));
      // The step's handler found the report by this code, so it normalises.
      res.redirect(303, answerSection(normalizeCode(req.params.code)!));
    },
  };
}
