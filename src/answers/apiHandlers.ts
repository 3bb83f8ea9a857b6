import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { visibleReport } from '../reports/access.js';
import { recordIdentityView } from '../reports/commands/recordIdentityView.js';
import { presentStaffReport } from '../reports/presenter.js';
import { reportContext, staffReportDetail } from '../reports/queries.js';
import { forbidden } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { getSetting } from '../settings/queries.js';
import { type AnswerStep, answerStep } from './actions.js';
import { describeBlanks, findBlanks } from './blanks.js';
import { checkAnswer } from './check/index.js';
import { presentCheck } from './check/present.js';
import { draftId } from './handlers.js';
import { canAnswer } from './policy.js';
import { answerCheckSchema } from './schema.js';
import { templatesFor } from './templates.js';

/**
 * The answer's steps in the staff API. What a step refuses the error handler answers:
 * 422 {errors}, 409 {error: {code: 'not_allowed' | 'stale_draft', ...}}, 403, 404.
 */
export function answerApiHandlers(db: Db, config: Config) {
  return {
    /** A draft saved answers {id, version}; any other step the report as staff see it. */
    step(step: AnswerStep, withId: boolean) {
      return async (req: Request, res: Response) => {
        const report = await visibleReport(db, req.user!, req.params.code);
        const result = await answerStep(db, config, req.user!, report, step, req.body, res.locals.t, withId ? draftId(req) : undefined);
        if (result.draft) {
          // The blanks left in the text as saved, so the editor can show them as staff type;
          // submitting refuses them anyway (blanks.ts).
          const text = (req.body as { body?: unknown })?.body;
          const blanks = typeof text === 'string' ? findBlanks(text.trim()) : [];
          res.status(step === 'create' ? 201 : 200).json({
            ...result.draft,
            blanks: blanks.map(({ text: blank, line, column, excerpt }) => ({ text: blank, line, column, excerpt })),
            blanksMessage: blanks.length ? describeBlanks(blanks, res.locals.t) : null,
          });
          return;
        }
        const [detail, ctx] = await Promise.all([staffReportDetail(db, report.id), reportContext(db, result.report)]);
        const body = presentStaffReport(result.report, detail, ctx, req.user!);
        // Each response that carries the reporter is logged.
        await recordIdentityView(db, result.report, body.reporter, 'api');
        res.json(body);
      };
    },

    /**
     * The draft checker on a text being written (src/answers/check/): every rule with ok,
     * blocking and its message in the caller's language. For whoever may write the report's
     * answer: its staff, and its Kepala OPD (who may edit before approving); another OPD's
     * report is 404, as everywhere.
     */
    async check(req: Request, res: Response) {
      const t = res.locals.t;
      const input = check(answerCheckSchema, req.body ?? {}, t);
      const report = await visibleReport(db, req.user!, input.reportCode);
      if (!canAnswer(req.user!, 'draft', report) && !canAnswer(req.user!, 'approve', report)) throw forbidden();
      const result = checkAnswer(input.text, { title: report.title, plannedAt: input.plannedAt }, await getSetting(db, 'answerCheck'));
      const shown = presentCheck(result, t);
      res.json({
        rules: shown.items.map(({ rule, ok, blocking, label, message }) => ({ rule, ok, blocking, label, message })),
        blocked: shown.blocked,
        warnings: shown.warnings,
        summary: shown.summary,
        elements: shown.elements,
      });
    },

    /** The templates a draft may start from, filled for this report. */
    async templates(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
      res.json({ templates: await templatesFor(db, report) });
    },
  };
}
