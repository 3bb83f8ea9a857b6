import type { Request, Response } from 'express';
import { answersAwaitingValidation } from '../answers/queries.js';
import { can } from '../auth/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { CHANNELS, REPORT_KINDS, type Report } from '../db/schema.js';
import type { Confirmation } from '../http/confirm.js';
import { flash } from '../http/flash.js';
import { canViewReport, findVisibleReport, reporterFor, visibleReport } from '../reports/access.js';
import { recordIdentityView } from '../reports/commands/recordIdentityView.js';
import { supportingAgencyIds } from '../reports/queries.js';
import { identifies } from '../reports/reporter.js';
import { OPD_STATUSES } from '../reports/statuses.js';
import { formatCode, normalizeCode } from '../reports/tracking.js';
import { listKecamatanOptions } from '../routing/queries.js';
import { type FieldErrors, forbidden } from '../shared/errors.js';
import { check } from '../shared/validation.js';
import { checkAction, performAction } from './actions.js';
import { describeOutcome } from './outcome.js';
import { ASK_FIRST, ownQueue, type StaffAction } from './policy.js';
import { agencyGroups, presentOpdRow, presentQueueRow } from './presenter.js';
import { renderReport } from './reportPage.js';
import { activeCategories, agencyOptions, opdQueue, queueCounters, verificationQueue } from './queries.js';
import { mergeTarget, REJECT_REASONS } from './commands/close.js';
import { findSchema, opdFilterSchema, queueFilterSchema } from './schema.js';

/**
 * A search that could be a code but is no report this user may open (it went to the text
 * search instead): said so, as "95D4-K7XW", when the input clearly meant a code (a digit,
 * or the hyphen) or when the text search found nothing either. An 8-letter word that
 * finds reports ("jembatan") is just a word.
 */
function codeNotFound(q: string | undefined, found: number): string | null {
  const code = normalizeCode(q);
  if (!q || !code) return null;
  return /\d/.test(q) || /^\s*\S{4}-\S{4}\s*$/.test(q) || found === 0 ? formatCode(code) : null;
}

export function triageHandlers(db: Db, config: Config) {
  /** The verification queue, with the bulk form's refusal when it has one. */
  async function renderQueue(req: Request, res: Response, refused?: FieldErrors) {
    const t = res.locals.t;
    const now = new Date();
    const filter = check(queueFilterSchema, req.query, t);
    const [{ rows, next }, counters, validations, categories, kecamatan, agencies] = await Promise.all([
      verificationQueue(db, filter),
      queueCounters(db),
      can(req.user!, 'answers:validate') ? answersAwaitingValidation(db) : [],
      activeCategories(db),
      listKecamatanOptions(db),
      agencyOptions(db),
    ]);
    const query = new URLSearchParams(Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v) as [string, string][]);
    const params = new URLSearchParams([...query].filter(([k]) => k !== 'after'));
    if (next) params.set('after', next);
    const typed = refused ? ((req.body ?? {}) as Record<string, unknown>) : {};
    const chosen = new Set(([] as unknown[]).concat(typed.codes ?? []).map(String));
    res.render('triage/queue', {
      title: t('triage:queue.title'),
      counters,
      validations: validations.map((v) => ({ ...v, displayCode: formatCode(v.code) })),
      rows: rows.map((r) => ({ ...presentQueueRow(r, t, now), chosen: chosen.has(r.tracking_code) })),
      filter,
      codeNotFound: codeNotFound(filter.q, rows.length),
      next: next ? `?${params.toString()}` : null,
      paged: Boolean(filter.after),
      bulkAction: `/staf/verifikasi/massal${query.size ? `?${query.toString()}` : ''}`,
      errors: refused,
      bulk: {
        agencyGroups: agencyGroups(agencies, { regionCode: null, chosen: typed.agency ? [Number(typed.agency)] : [], t }),
        reasons: REJECT_REASONS.map((value) => ({ value, label: t(`triage:reasons.${value}`), selected: value === typed.reason })),
        note: typeof typed.note === 'string' ? typed.note : '',
      },
      categories: categories.map((c) => ({ value: c.id, label: c.name, selected: c.id === filter.categoryId })),
      kecamatan: kecamatan.map((k) => ({ value: k.code, label: k.name, selected: k.code === filter.kecamatan })),
      channels: CHANNELS.map((c) => ({ value: c, label: t(`reports:channels.${c}`), selected: c === filter.channel })),
      kinds: REPORT_KINDS.map((k) => ({ value: k, label: t(`reports:kinds.${k}`), selected: k === filter.kind })),
    });
  }

  /** A typed code the user may open: straight to its page. */
  async function toReport(req: Request, res: Response, q: string | undefined): Promise<boolean> {
    const report = q ? await findVisibleReport(db, req.user!, q) : undefined;
    if (!report) return false;
    res.redirect(303, `/staf/laporan/${report.tracking_code}`);
    return true;
  }

  /** The action's confirmation page (src/http/confirm.ts), after the checks the action itself makes. */
  async function confirmation(req: Request, res: Response, action: StaffAction, report: Report): Promise<Confirmation | undefined> {
    const t = res.locals.t;
    const code = formatCode(report.tracking_code);
    const cancelHref = `/staf/laporan/${report.tracking_code}`;
    if (action === 'reject') {
      const p = checkAction(req.user!, report, 'reject', req.body, t);
      return {
        title: t('triage:confirm.rejectTitle', { code }),
        consequences: [
          t('triage:confirm.rejectWhat', { title: report.title, reason: t(`triage:reasons.${p.reason}`) }),
          t(p.reason === 'spam' || !report.reporter_email ? 'triage:confirm.rejectNoMail' : 'triage:confirm.rejectMail'),
          t('triage:confirm.final'),
        ],
        confirmLabel: t('triage:confirm.rejectButton'),
        cancelHref,
      };
    }
    if (action === 'merge') {
      const p = checkAction(req.user!, report, 'merge', req.body, t);
      const target = await mergeTarget(db, report, p.into);
      return {
        title: t('triage:confirm.mergeTitle', { code }),
        consequences: [
          t('triage:confirm.mergeWhat', { title: report.title, code: formatCode(target.tracking_code), target: target.title }),
          t('triage:confirm.mergeMail'),
          t('triage:confirm.final'),
        ],
        confirmLabel: t('triage:confirm.mergeButton'),
        cancelHref,
      };
    }
    return undefined;
  }

  return {
    async queue(req: Request, res: Response) {
      const q = check(queueFilterSchema, req.query, res.locals.t).q;
      if (await toReport(req, res, q)) return;
      await renderQueue(req, res);
    },

    /** The bulk form's refusal (no report chosen, no OPD, no reason): the queue again, with the messages. */
    async bulkRefused(req: Request, res: Response, errors: FieldErrors) {
      await renderQueue(req, res, errors);
    },

    /** /staf: an OPD's own queue, what is overdue or due today first; coordinators go to theirs. */
    async opdQueue(req: Request, res: Response) {
      const user = req.user!;
      if (can(user, 'reports:verify')) return res.redirect(303, '/staf/verifikasi');
      if (!can(user, 'reports:work') || user.agencyId === null) throw forbidden();
      const t = res.locals.t;
      const filter = check(opdFilterSchema, req.query, t);
      if (await toReport(req, res, filter.q)) return;
      const { rows, next } = await opdQueue(db, user.agencyId, user.id, filter);
      const query = new URLSearchParams(Object.entries(req.query).filter(([k, v]) => k !== 'after' && typeof v === 'string' && v) as [string, string][]);
      const first = `/staf${query.size ? `?${query.toString()}` : ''}`;
      if (next) query.set('after', next);
      // A page's rows share a handful of statuses: each label is looked up once, not per
      // row (an i18next lookup per row was a tenth of this page's CPU under load).
      const statusLabels = new Map<string, string>();
      const statusLabel = (status: string): string => {
        const known = statusLabels.get(status);
        if (known !== undefined) return known;
        const label = t(`reports:statuses.${status}`);
        statusLabels.set(status, label);
        return label;
      };
      const now = new Date();
      res.render('triage/opd', {
        title: t('triage:opd.title'),
        filter,
        codeNotFound: codeNotFound(filter.q, rows.length),
        rows: rows.map((r) => presentOpdRow(r, statusLabel(r.status), user.id, now)),
        next: next ? `/staf?${query.toString()}` : null,
        first: filter.after ? first : null,
        pager: Boolean(filter.after || next),
        statuses: OPD_STATUSES.map((s) => ({ value: s, label: statusLabel(s), selected: s === filter.status })),
      });
    },

    /**
     * The header's box: a tracking code, in any case, with or without the hyphen, straight
     * to its report. A code of no report this user may open is "not found", whether the
     * report does not exist or is another OPD's (never a 403: that would tell it exists).
     */
    async find(req: Request, res: Response) {
      const t = res.locals.t;
      const { kode } = check(findSchema, req.query, t);
      if (await toReport(req, res, kode)) return;
      const code = normalizeCode(kode);
      const queue = ownQueue(req.user!);
      // Not a code: the text search of the user's own queue is one click away.
      const textSearch = kode && !code && queue && queue.href.startsWith('/staf') ? `${queue.href}?q=${encodeURIComponent(kode)}` : null;
      res.status(kode ? (code ? 404 : 422) : 200).render('triage/find', {
        title: t('triage:find.title'),
        kode,
        message: kode ? (code ? t('triage:find.notFound', { code: formatCode(code) }) : t('triage:find.notACode', { value: kode })) : null,
        textSearch,
      });
    },

    async report(req: Request, res: Response) {
      await renderReport(db, config, req, res, await visibleReport(db, req.user!, req.params.code));
    },

    /** "Tampilkan identitas pelapor": recorded in the audit log, then shown on this page only. */
    async revealIdentity(req: Request, res: Response) {
      const report = await visibleReport(db, req.user!, req.params.code);
      const reporter = reporterFor(req.user!, report);
      if (!identifies(reporter)) throw forbidden();
      await recordIdentityView(db, report, reporter, 'page');
      await renderReport(db, config, req, res, report, undefined, true);
    },

    /** The confirmation a destructive action asks for first (ASK_FIRST: reject, merge); none for the others. */
    confirmation(action: StaffAction) {
      if (!ASK_FIRST.includes(action)) return () => undefined;
      return async (req: Request, res: Response) => confirmation(req, res, action, await visibleReport(db, req.user!, req.params.code));
    },

    /**
     * One action from the report page's forms; done, the page again with what happened.
     * A report the user no longer sees (returned as "bukan wewenang") sends them to their queue.
     */
    act(action: StaffAction) {
      return async (req: Request, res: Response) => {
        const user = req.user!;
        const report = await visibleReport(db, user, req.params.code);
        const updated = await performAction(db, config, user, report, action, req.body, res.locals.t);
        flash(req, 'success', await describeOutcome(db, action, report, updated, res.locals.t, res.locals.locale));
        const stillVisible = canViewReport(user, updated, await supportingAgencyIds(db, updated.id));
        res.redirect(303, stillVisible ? `/staf/laporan/${updated.tracking_code}` : (ownQueue(user)?.href ?? '/'));
      };
    },

    /**
     * How the report page shows an action it refused (the routes register it): the page
     * again, that action's form open with its fields' messages (422), or a notice of why
     * the report's state does not allow it (409); the error handler has set the status.
     */
    refused(action: StaffAction) {
      return async (req: Request, res: Response, errors: FieldErrors) => {
        await renderReport(db, config, req, res, await visibleReport(db, req.user!, req.params.code), { action, errors });
      };
    },
  };
}
