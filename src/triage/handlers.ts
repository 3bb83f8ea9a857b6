import type { Request, Response } from 'express';
import { answerModel } from '../answers/presenter.js';
import { answersAwaitingValidation } from '../answers/queries.js';
import { can } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { CHANNELS, REPORT_KINDS, type Report } from '../db/schema.js';
import { flash } from '../http/flash.js';
import { reporterFor, visibleReport } from '../reports/access.js';
import { recordIdentityView } from '../reports/commands/recordIdentityView.js';
import { presentStaffReport } from '../reports/presenter.js';
import { reportContext, staffReportDetail } from '../reports/queries.js';
import { identifies } from '../reports/reporter.js';
import { isOverdue, OPD_STATUSES } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { describeSuggestion, presentSimilar } from '../routing/presenter.js';
import { listKecamatanOptions } from '../routing/queries.js';
import { findSimilarReports } from '../routing/similar.js';
import { shouldAutoForward, suggestAgency } from '../routing/suggest.js';
import { type FieldErrors, forbidden } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { performAction } from './actions.js';
import { REJECT_REASONS } from './commands/close.js';
import { actionMap, type StaffAction } from './policy.js';
import { presentQueueRow } from './presenter.js';
import { activeCategories, agencyOptions, opdMembers, opdQueue, originalMails, queueCounters, userName, verificationQueue } from './queries.js';
import { opdFilterSchema, queueFilterSchema } from './schema.js';

export function triageHandlers(db: Db, config: Config) {
  /** The reporter's identity is shown only after a recorded click (revealIdentity below). */
  async function renderReport(req: Request, res: Response, report: Report, errors?: FieldErrors, revealIdentity = false) {
    const t = res.locals.t;
    const actor = req.user!;
    const [detail, ctx, agencies, categories] = await Promise.all([
      staffReportDetail(db, report.id),
      reportContext(db, report),
      agencyOptions(db),
      activeCategories(db),
    ]);
    const can = actionMap(actor, report);
    const triage = can.forward
      ? await Promise.all([suggestAgency(db, report), findSimilarReports(db, report), shouldAutoForward(db, report.category_id)])
      : undefined;
    const presented = presentStaffReport(report, detail, ctx, actor);
    const identityHidden = identifies(presented.reporter) && !revealIdentity;
    const r = identityHidden ? { ...presented, reporter: null } : presented;
    res.set('Cache-Control', 'no-store');
    res.render('triage/report', {
      title: `${report.title} · ${r.displayCode}`,
      r,
      identityHidden,
      events: detail.events.map((e) => ({
        label: t(`triage:events.${e.type}`, { ...(e.data as Record<string, unknown>), defaultValue: e.type }),
        actor: e.actor_kind === 'staff' ? (e.actor_name ?? e.agency_name) : t(`reports:actors.${e.actor_kind}`),
        internal: e.visibility === 'internal',
        reason: e.reason,
        at: e.created_at,
      })),
      statusLabel: t(`reports:statuses.${report.status}`),
      can,
      errors,
      values: req.method === 'POST' ? req.body : {},
      suggestion: triage ? { ...triage[0], text: describeSuggestion(triage[0], t), auto: triage[2] } : null,
      similar: triage ? triage[1].map((s) => presentSimilar(s, t)) : [],
      agencies: agencies.map((a) => ({ value: a.id, label: a.name, selected: a.id === (triage?.[0].agencyId ?? report.assigned_agency_id) })),
      reasons: REJECT_REASONS.map((r) => ({ value: r, label: t(`triage:reasons.${r}`) })),
      categories: categories.map((c) => ({ value: c.id, label: c.name, selected: c.id === report.category_id })),
      messages: detail.messages.map((m) => ({
        heading: m.kind === 'internal_note' ? t('triage:events.note') : t(`tracking:messages.${m.kind}`, { agency: ctx.agency?.name ?? '' }),
        body: m.body,
        internal: m.visibility === 'internal',
        author: m.author_kind === 'staff' ? m.author_name : t(`reports:actors.${m.author_kind}`),
        at: m.created_at,
      })),
      answer: await answerModel(db, req.user!, report, t, res.locals.locale),
      // The mail as it came carries the sender's address and signature: it is shown with
      // the identity (after the recorded reveal), never to whom the identity is withheld.
      originalMails: report.channel === 'email' && r.reporter ? await originalMails(db, report.id) : [],
      // Offered only where the state allows it; the state machine checks again anyway.
      canAcknowledge: Boolean(can.acknowledge) && report.status === 'assigned',
      assignees: can.assign ? await opdMembers(db, report.assigned_agency_id) : [],
      assignedTo: report.assigned_user_id ? await userName(db, report.assigned_user_id) : null,
    });
  }

  return {
    async queue(req: Request, res: Response) {
      const t = res.locals.t;
      const now = new Date();
      const filter = check(queueFilterSchema, req.query, t);
      const [{ rows, next }, counters, validations, categories, kecamatan] = await Promise.all([
        verificationQueue(db, filter),
        queueCounters(db),
        can(req.user!, 'answers:validate') ? answersAwaitingValidation(db) : [],
        activeCategories(db),
        listKecamatanOptions(db),
      ]);
      const params = new URLSearchParams(Object.entries(req.query).filter(([k, v]) => k !== 'after' && typeof v === 'string' && v) as [string, string][]);
      if (next) params.set('after', next);
      res.render('triage/queue', {
        title: t('triage:queue.title'),
        counters,
        validations: validations.map((v) => ({ ...v, displayCode: formatCode(v.code) })),
        rows: rows.map((r) => presentQueueRow(r, t, now)),
        filter,
        next: next ? `?${params.toString()}` : null,
        paged: Boolean(filter.after),
        categories: categories.map((c) => ({ value: c.id, label: c.name, selected: c.id === filter.categoryId })),
        kecamatan: kecamatan.map((k) => ({ value: k.code, label: k.name, selected: k.code === filter.kecamatan })),
        channels: CHANNELS.map((c) => ({ value: c, label: t(`reports:channels.${c}`), selected: c === filter.channel })),
        kinds: REPORT_KINDS.map((k) => ({ value: k, label: t(`reports:kinds.${k}`), selected: k === filter.kind })),
      });
    },

    /** /staf: an OPD's own queue; coordinators go to theirs. */
    async opdQueue(req: Request, res: Response) {
      const user = req.user!;
      if (can(user, 'reports:verify')) return res.redirect(303, '/staf/verifikasi');
      if (!can(user, 'reports:work') || user.agencyId === null) throw forbidden();
      const t = res.locals.t;
      const filter = check(opdFilterSchema, req.query, t);
      const rows = await opdQueue(db, user.agencyId, user.id, filter);
      // Up to 200 rows share a handful of statuses: each label is looked up once, not per
      // row (an i18next lookup per row was a tenth of this page's CPU under load).
      const statusLabels = new Map<string, string>();
      const statusLabel = (status: string) => {
        let label = statusLabels.get(status);
        if (label === undefined) statusLabels.set(status, (label = t(`reports:statuses.${status}`)));
        return label;
      };
      const now = new Date();
      res.render('triage/opd', {
        title: t('triage:opd.title'),
        filter,
        rows: rows.map((r) => ({
          code: r.tracking_code,
          title: r.title,
          status: statusLabel(r.status),
          dueAt: r.response_due_at,
          overdue: isOverdue(r, now),
          mine: r.assigned_user_id === user.id,
          assignee: r.assignee_name,
          category: r.category_name,
        })),
        statuses: OPD_STATUSES.map((s) => ({ value: s, label: statusLabel(s), selected: s === filter.status })),
      });
    },

    async report(req: Request, res: Response) {
      await renderReport(req, res, await visibleReport(db, req.user!, req.params.code));
    },

    /** "Tampilkan identitas pelapor": recorded in the audit log, then shown on this page only. */
    async revealIdentity(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      const reporter = reporterFor(req.user!, report);
      if (!identifies(reporter)) throw forbidden();
      await recordIdentityView(db, report, reporter, 'page');
      await renderReport(req, res, report, undefined, true);
    },

    /** One action from the report page's forms; done, the page again with a notice. */
    act(action: StaffAction) {
      return async (req: Request, res: Response) => {
        const report = await visibleReport(db, req.user!, req.params.code);
        await performAction(db, config, req.user!, report, action, req.body, res.locals.t);
        flash(req, 'success', res.locals.t('triage:page.done'));
        res.redirect(303, `/staf/laporan/${report.tracking_code}`);
      };
    },

    /**
     * How the report page shows an action it refused (the routes register it): the page
     * again, with the fields' messages (422) or why the report's state does not allow it
     * (409); the error handler has set the status.
     */
    async refused(req: Request, res: Response, errors: FieldErrors) {
      await renderReport(req, res, await visibleReport(db, req.user!, req.params.code), errors);
    },
  };
}
