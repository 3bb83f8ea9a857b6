import { type Request, type Response, Router } from 'express';
import { requirePermission } from '../auth/policy.js';
import type { Db } from '../db/database.js';
import type { PublicationStatus, Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { visibleReport } from '../reports/access.js';
import { csrfProtection } from '../http/csrf.js';
import { requireJson } from '../http/json.js';
import { InputError, notFound, validationBody, ValidationError } from '../shared/errors.js';
import { flash } from '../http/flash.js';
import { check } from '../shared/validation.js';
import { draftPublication } from './commands/draft.js';
import { approvePublication, declinePublication, saveDraft } from './commands/review.js';
import { findPublication, publicationCounts, publicationQueue, reportImages } from './queries.js';
import { declineSchema, editSchema } from './schema.js';

const STATUSES: PublicationStatus[] = ['draft', 'published', 'declined'];

/**
 * The publication of a report, or its draft made now: a report resolved before drafts
 * existed (or by a path that made none) gets one the first time someone looks.
 */
async function publicationOf(db: Db, report: Report) {
  const row = await findPublication(db, report.id);
  if (row) return row;
  if (await draftPublication(db, report.id)) return findPublication(db, report.id);
  return undefined;
}

function presentPublication(row: NonNullable<Awaited<ReturnType<typeof findPublication>>>, report: Report) {
  return {
    code: formatCode(report.tracking_code),
    status: row.status,
    title: row.title,
    body: row.body,
    answer: row.answer,
    redactions: row.redactions,
    photoIds: row.photo_ids,
    declineReason: row.decline_reason,
    publishedAt: row.published_at,
  };
}

/** The coordinator's publication pages (/staf/publikasi) and the same through the staff API. */
export function publicationRouter(db: Db): Router {
  const may = requirePermission('publication:manage');
  const router = Router();

  router.get('/staf/publikasi', may, async (req, res) => {
    const t = res.locals.t;
    const status = STATUSES.includes(req.query.status as PublicationStatus) ? (req.query.status as PublicationStatus) : 'draft';
    const [rows, counts] = await Promise.all([publicationQueue(db, status), publicationCounts(db)]);
    res.render('publication/queue', {
      title: t('publication:queue.title'),
      status,
      tabs: STATUSES.map((s) => ({ value: s, label: t(`publication:statuses.${s}`), count: counts[s], current: s === status })),
      rows: rows.map((r) => ({ ...r, displayCode: formatCode(r.code) })),
    });
  });

  async function renderEdit(req: Request, res: Response, report: Report, errors?: Record<string, string>, values?: Record<string, unknown>) {
    const t = res.locals.t;
    const row = await publicationOf(db, report);
    if (!row) throw notFound();
    const [images, answer] = await Promise.all([
      reportImages(db, report.id),
      db.selectFrom('messages').select('body').where('report_id', '=', report.id).where('answer_status', '=', 'sent').orderBy('id', 'desc').executeTakeFirst(),
    ]);
    res.set('Cache-Control', 'no-store');
    res.render('publication/edit', {
      title: t('publication:edit.title', { code: formatCode(report.tracking_code) }),
      code: report.tracking_code,
      p: { ...presentPublication(row, report), ...values },
      statusLabel: t(`publication:statuses.${row.status}`),
      redactionSummary: row.redactions.map((r) => t(`publication:redactions.${r.kind}`, { count: r.count })).join(', '),
      original: { title: report.title, body: report.body, answer: answer?.body ?? '' },
      images: images.map((i) => ({ id: i.id, name: i.original_name, thumb: `/staf/lampiran/${i.id}/kecil`, checked: row.photo_ids.includes(i.id) })),
      errors,
    });
  }

  router.get('/staf/publikasi/:code', may, async (req, res) => renderEdit(req, res, await visibleReport(db, req.user!, req.params.code)));

  /** A page action: runs, flashes, and goes back to the edit page (or re-renders with errors). */
  const pageAction = (run: (req: Request, report: Report) => Promise<string>) => async (req: Request, res: Response) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    if (!(await publicationOf(db, report))) throw notFound();
    try {
      const message = await run(req, report);
      flash(req, 'success', res.locals.t(message));
      res.redirect(303, `/staf/publikasi/${report.tracking_code}`);
    } catch (err) {
      const errors = err instanceof ValidationError ? err.errors : err instanceof InputError ? err.fields(res.locals.t) : undefined;
      if (!errors) throw err;
      res.status(422);
      await renderEdit(req, res, report, errors, req.body);
    }
  };

  router.post('/staf/publikasi/:code', may, csrfProtection, pageAction(async (req, report) => {
    await saveDraft(db, { report, edit: check(editSchema, req.body ?? {}, req.res!.locals.t) });
    return 'publication:edit.saved';
  }));
  router.post('/staf/publikasi/:code/terbitkan', may, csrfProtection, pageAction(async (req, report) => {
    await approvePublication(db, { report, userId: req.user!.id });
    return 'publication:edit.published';
  }));
  router.post('/staf/publikasi/:code/tolak', may, csrfProtection, pageAction(async (req, report) => {
    const { reason } = check(declineSchema, req.body ?? {}, req.res!.locals.t);
    await declinePublication(db, { report, userId: req.user!.id, reason });
    return 'publication:edit.declined';
  }));

  /** The staff API: 404 when the report has no publication (not resolved, or rahasia). */
  const apiAction = (run: (req: Request, report: Report) => Promise<void>) => async (req: Request, res: Response) => {
    const report = await visibleReport(db, req.user!, req.params.code);
    if (!(await publicationOf(db, report))) throw notFound();
    try {
      await run(req, report);
    } catch (err) {
      if (err instanceof InputError) return res.status(422).json(validationBody(err.fields(res.locals.t)));
      throw err;
    }
    const row = (await findPublication(db, report.id))!;
    res.set('Cache-Control', 'no-store').json(presentPublication(row, report));
  };
  const path = '/api/v1/staff/reports/:code/publication';
  router.get(path, may, apiAction(async () => undefined));
  router.put(path, may, requireJson, csrfProtection, apiAction(async (req, report) => {
    await saveDraft(db, { report, edit: check(editSchema, req.body ?? {}, req.res!.locals.t) });
  }));
  router.post(`${path}/approve`, may, csrfProtection, apiAction(async (req, report) => approvePublication(db, { report, userId: req.user!.id })));
  router.post(`${path}/decline`, may, requireJson, csrfProtection, apiAction(async (req, report) => {
    const { reason } = check(declineSchema, req.body ?? {}, req.res!.locals.t);
    await declinePublication(db, { report, userId: req.user!.id, reason });
  }));
  return router;
}

