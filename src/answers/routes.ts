import { type Request, type Response, Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { TransitionError } from '../reports/transitions.js';
import { reportContext, staffReportDetail } from '../reports/queries.js';
import { visibleReport } from '../reports/access.js';
import { presentStaffReport } from '../reports/presenter.js';
import { csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { forbidden, InputError, notFound, validationBody, ValidationError } from '../shared/errors.js';
import { openDraft } from './commands/saveDraft.js';
import { canAnswer } from './policy.js';
import { templatesFor } from './templates.js';
import { flash } from '../http/flash.js';
import { type AnswerStep, answerStep } from './actions.js';
import { StaleDraftError } from './errors.js';
import { recordIdentityView } from '../reports/commands/recordIdentityView.js';

function draftId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** Drafting, submitting and approving answers: staff page forms and the staff API. */
export function answersRouter(db: Db, config: Config): Router {
  const staff = requirePermission('staff:area');
  const router = Router();

  const api = (step: AnswerStep, withId: boolean) => async (req: Request, res: Response) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    const t = res.locals.t;
    try {
      const result = await answerStep(db, config, req.user!, report, step, req.body, t, withId ? draftId(req) : undefined);
      if (result.draft) return res.status(step === 'create' ? 201 : 200).json(result.draft);
      const [detail, ctx] = await Promise.all([staffReportDetail(db, report.id), reportContext(db, result.report)]);
      const body = presentStaffReport(result.report, detail, ctx, req.user!);
      await recordIdentityView(db, result.report, body.reporter, 'api');
      res.json(body);
    } catch (err) {
      if (err instanceof StaleDraftError) {
        return res.status(409).json({ error: { code: 'stale_draft', message: t('answers:errors.stale'), current: err.current } });
      }
      if (err instanceof TransitionError) return res.status(409).json({ error: { code: 'not_allowed', message: t('reports:errors.notAllowed') } });
      if (err instanceof InputError) return res.status(422).json(validationBody(err.fields(t)));
      throw err;
    }
  };

  const page = (step: AnswerStep, withId: boolean) => async (req: Request, res: Response) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    const t = res.locals.t;
    const id = withId ? draftId(req) : undefined;
    const chosen: AnswerStep = step === 'create' && req.body?.version ? 'update' : step;
    try {
      await answerStep(db, config, req.user!, report, chosen, req.body, t, chosen === 'update' ? Number(req.body.id) : id);
      flash(req, 'success', t(chosen === 'create' || chosen === 'update' ? 'answers:page.saved' : 'triage:page.done'));
    } catch (err) {
      let message: string | undefined;
      if (err instanceof StaleDraftError) message = t('answers:errors.stale');
      else if (err instanceof TransitionError) message = t('reports:errors.notAllowed');
      else if (err instanceof InputError) message = Object.values(err.fields(t)).join(' ');
      else if (err instanceof ValidationError) message = Object.values(err.errors).join(' ');
      else throw err;
      flash(req, 'error', message!);
    }
    res.redirect(303, `/staf/laporan/${report.tracking_code}#jawaban`);
  };

  router.post('/staf/laporan/:code/jawaban', staff, csrfProtection, page('create', false));
  router.post('/staf/laporan/:code/jawaban/templat', staff, csrfProtection, async (req, res) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    // Policy first, as for every other step: a role that may not draft gets 403, not a flash.
    if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
    const t = res.locals.t;
    const chosen = (await templatesFor(db, report)).find((x) => x.id === Number(req.body?.templateId));
    try {
      if (!chosen) throw new InputError({ templateId: 'answers:errors.template' });
      if (await openDraft(db, report.id)) throw new InputError({ templateId: 'answers:errors.draftExists' });
      await answerStep(db, config, req.user!, report, 'create', { body: chosen.body }, t);
      flash(req, 'success', t('answers:page.saved'));
    } catch (err) {
      if (!(err instanceof InputError || err instanceof ValidationError)) throw err;
      flash(req, 'error', Object.values(err instanceof InputError ? err.fields(t) : err.errors).join(' '));
    }
    res.redirect(303, `/staf/laporan/${report.tracking_code}#jawaban`);
  });
  router.post('/staf/laporan/:code/jawaban/:id/ajukan', staff, csrfProtection, page('submit', true));
  router.post('/staf/laporan/:code/jawaban/:id/setujui', staff, csrfProtection, page('approve', true));
  router.post('/staf/laporan/:code/jawaban/:id/kembalikan', staff, csrfProtection, page('return', true));
  router.post('/staf/laporan/:code/jawaban/:id/validasi', staff, csrfProtection, page('validate', true));
  router.post('/staf/laporan/:code/jawaban/:id/tolak', staff, csrfProtection, page('refuse', true));

  router.get('/api/v1/staff/reports/:code/answer-templates', staff, async (req, res) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    if (!canAnswer(req.user!, 'draft', report)) throw forbidden();
    res.set('Cache-Control', 'no-store').json({ templates: await templatesFor(db, report) });
  });
  router.post('/api/v1/staff/reports/:code/answers', staff, requireJson, csrfProtection, api('create', false));
  router.put('/api/v1/staff/reports/:code/answers/:id', staff, requireJson, csrfProtection, api('update', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/submit', staff, csrfProtection, api('submit', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/approve', staff, csrfProtection, api('approve', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/return', staff, requireJson, csrfProtection, api('return', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/validate', staff, csrfProtection, api('validate', true));
  router.post('/api/v1/staff/reports/:code/answers/:id/refuse', staff, requireJson, csrfProtection, api('refuse', true));
  return router;
}
