import type { Request, Response } from 'express';
import type { Db } from '../db/database.js';
import type { PublicationStatus } from '../db/schema.js';
import { flash } from '../http/flash.js';
import { formatCode } from '../reports/tracking.js';
import { type FieldErrors, notFound } from '../shared/errors.js';
import { approvePublication, declinePublication, saveDraft } from './commands/review.js';
import { decideTerm, publicationFindings } from './commands/terms.js';
import { loadedReport } from './loadReport.js';
import { presentPublication } from './presenter.js';
import { findPublication, publicationCounts, publicationQueue, reportImages, sentAnswer } from './queries.js';
import { type DeclineInput, type EditInput, type PublishInput, publishRequest, type TermInput } from './schema.js';

const STATUSES: PublicationStatus[] = ['draft', 'published', 'declined'];

/** The coordinator's publication pages (/staf/publikasi). */
export function publicationHandlers(db: Db) {
  async function renderEdit(res: Response, errors?: FieldErrors, values?: Record<string, unknown>) {
    const t = res.locals.t;
    const report = loadedReport(res);
    const row = await findPublication(db, report.id);
    if (!row) throw notFound();
    const [images, answer, findings] = await Promise.all([reportImages(db, report.id), sentAnswer(db, report.id), publicationFindings(db, report, row)]);
    // bigint[] arrives as strings (only single int8 values are parsed as numbers: db/database.ts).
    const chosen = new Set(row.photo_ids.map(Number));
    res.render('publication/edit', {
      title: t('publication:edit.title', { code: formatCode(report.tracking_code) }),
      code: report.tracking_code,
      p: { ...presentPublication(row, report), ...values },
      statusLabel: t(`publication:statuses.${row.status}`),
      redactionSummary: row.redactions.map((r) => t(`publication:redactions.${r.kind}`, { count: r.count })).join(', '),
      original: { title: report.title, body: report.body, answer: answer?.body ?? '' },
      findings: {
        ...findings,
        removed: findings.removed.map((r) => ({ ...r, kindLabel: t(`publication:findings.kinds.${r.kind}`) })),
        any: findings.removed.length + findings.suspects.length + findings.kept.length > 0,
      },
      images: images.map((i) => ({ id: i.id, name: i.original_name, thumb: `/staf/lampiran/${i.id}/kecil`, checked: chosen.has(i.id), proposed: i.proposed })),
      errors,
    });
  }

  /** Done: a notice, and back to the edit page. */
  function done(req: Request, res: Response, message: string, values?: Record<string, string>) {
    flash(req, 'success', res.locals.t(message, values));
    res.redirect(303, `/staf/publikasi/${loadedReport(res).tracking_code}`);
  }

  return {
    async queue(req: Request, res: Response) {
      const t = res.locals.t;
      const status = STATUSES.includes(req.query.status as PublicationStatus) ? (req.query.status as PublicationStatus) : 'draft';
      const [rows, counts] = await Promise.all([publicationQueue(db, status), publicationCounts(db)]);
      res.render('publication/queue', {
        title: t('publication:queue.title'),
        status,
        tabs: STATUSES.map((s) => ({ value: s, label: t(`publication:statuses.${s}`), count: counts[s], current: s === status })),
        rows: rows.map((r) => ({ ...r, displayCode: formatCode(r.code) })),
      });
    },

    async edit(_req: Request, res: Response) {
      await renderEdit(res);
    },

    /**
     * Refused input, or a step the publication's state does not allow: the page again, with
     * what was sent. When someone else saved meanwhile (409), the page carries the version
     * now stored, so publishing again publishes the text on this screen, knowingly.
     */
    async showRefused(req: Request, res: Response, errors: FieldErrors) {
      const values = { ...(req.body as Record<string, unknown>) };
      if (res.statusCode === 409) delete values.version;
      await renderEdit(res, errors, values);
    },

    async save(req: Request, res: Response) {
      const { version, ...edit } = req.input as EditInput;
      await saveDraft(db, { report: loadedReport(res), edit, version });
      done(req, res, 'publication:edit.saved');
    },

    /** "Terbitkan": the text on the screen, saved and published at once (or saved, and shown again when the redaction changed it). */
    async approve(req: Request, res: Response) {
      const result = await approvePublication(db, { report: loadedReport(res), userId: req.user!.id, ...publishRequest(req.input as PublishInput) });
      if (result === 'redacted') {
        flash(req, 'info', res.locals.t('publication:edit.redactedAgain'));
        res.redirect(303, `/staf/publikasi/${loadedReport(res).tracking_code}`);
        return;
      }
      done(req, res, 'publication:edit.published');
    },

    /** One click on a finding: the term removed everywhere, or kept readable. */
    async decideTerm(req: Request, res: Response) {
      const { term, decision, version } = req.input as TermInput;
      const { restoreByHand } = await decideTerm(db, { report: loadedReport(res), term, decision, version });
      if (restoreByHand) flash(req, 'info', res.locals.t('publication:findings.restoreByHand', { term }));
      done(req, res, decision === 'keep' ? 'publication:findings.keptDone' : 'publication:findings.removedDone', { term });
    },

    async decline(req: Request, res: Response) {
      const { reason } = req.input as DeclineInput;
      await declinePublication(db, { report: loadedReport(res), userId: req.user!.id, reason });
      done(req, res, 'publication:edit.declined');
    },
  };
}
