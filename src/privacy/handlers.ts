import type { Request, Response } from 'express';
import { recordAudit } from '../audit/commands/recordAudit.js';
import type { Db } from '../db/database.js';
import { flash } from '../http/flash.js';
import { isClosed } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { getSetting } from '../settings/queries.js';
import type { FieldErrors } from '../shared/errors.js';
import { formatDateLong } from '../shared/format.js';
import type { Translate } from '../shared/i18n.js';
import { eraseOnRequest } from './commands/eraseOnRequest.js';
import { saveRetentionPeriods } from './commands/saveRetention.js';
import { exportPersonalData } from './export.js';
import { findReporter, mailCounts, normalizeLookup, recentErasures, type ReporterScope, scopeReports } from './queries.js';
import { type EraseInput, LOOKUP_KINDS, type LookupInput, type RetentionInput } from './schema.js';

const PAGE = '/admin/data-pribadi';

interface PageState {
  lookup?: Partial<LookupInput>;
  scope?: ReporterScope | null;
  errors?: FieldErrors;
  retention?: Record<string, unknown>;
  retentionErrors?: FieldErrors;
}

/** /admin/data-pribadi: find a reporter, export and erase their personal data; retention. Admin only (routes.ts). */
export function privacyHandlers(db: Db) {
  async function render(res: Response, state: PageState = {}) {
    const t: Translate = res.locals.t;
    const [retention, log] = await Promise.all([retentionValues(db), recentErasures(db)]);
    const scope = state.scope ?? null;
    let found = null;
    if (scope) {
      const [reports, mails] = await Promise.all([scopeReports(db, scope.reportIds), mailCounts(db, scope)]);
      const kind = t(`privacy:kinds.${scope.lookup.kind}`);
      found = {
        summary: t('privacy:page.found', { reports: reports.length, inbound: mails.inbound, outbound: mails.outbound, kind, value: shown(scope) }),
        open: reports.filter((r) => !isClosed(r.status)).length,
        reports: reports.map((r) => ({
          code: r.tracking_code,
          displayCode: formatCode(r.tracking_code),
          title: r.title,
          status: t(`reports:statuses.${r.status}`, { defaultValue: r.status }),
          submittedAt: r.submitted_at,
          reporter: r.reporter_name,
          // A date as the reader writes it, never 2026-01-31 (issue 19).
          erased: r.erased_at ? t('privacy:page.alreadyErased', { date: formatDateLong(r.erased_at, res.locals.locale) }) : null,
        })),
      };
    }
    res.render('privacy/index', {
      title: t('privacy:page.title'),
      kinds: LOOKUP_KINDS.map((k) => ({ value: k, label: t(`privacy:kinds.${k}`), selected: k === (state.lookup?.kind ?? 'email') })),
      lookup: { kind: state.lookup?.kind ?? 'email', value: state.lookup?.value ?? '' },
      errors: state.errors,
      found,
      notFound: state.scope === null && state.lookup?.kind
        ? t('privacy:page.notFound', { kind: t(`privacy:kinds.${state.lookup.kind}`), value: state.lookup.value })
        : null,
      retention: (['retentionReporterMonths', 'retentionInboundMailMonths', 'retentionOutboxMonths'] as const).map((name) => ({
        name,
        label: t(`privacy:fields.${name}`),
        value: state.retention?.[name] ?? retention[name],
        error: state.retentionErrors?.[name],
      })),
      retentionErrors: state.retentionErrors,
      log: log.map((e) => ({
        at: e.created_at,
        cause: t(`privacy:causes.${e.cause}`),
        by: e.erased_by_name,
        reference: e.reference,
        reports: e.report_ids.length,
        rows: Object.values(e.counts ?? {}).reduce((a, b) => a + Number(b), 0),
      })),
    });
  }

  /** The scope for a lookup, or a 404 page that says nothing was found (and nothing changed). */
  async function scopeOr404(res: Response, lookup: LookupInput): Promise<ReporterScope | undefined> {
    const scope = await findReporter(db, lookup);
    if (scope) return scope;
    const errors = lookupErrors(lookup, res.locals.t);
    res.status(errors ? 422 : 404);
    await render(res, { lookup, scope: null, errors });
    return undefined;
  }

  return {
    async index(_req: Request, res: Response) {
      await render(res);
    },

    async invalid(req: Request, res: Response, errors: FieldErrors) {
      await render(res, { lookup: req.body ?? {}, errors });
    },

    async lookup(req: Request, res: Response) {
      const input = req.input as LookupInput;
      const scope = await scopeOr404(res, input);
      if (scope) await render(res, { lookup: input, scope });
    },

    async exportData(req: Request, res: Response) {
      const input = req.input as LookupInput;
      const scope = await scopeOr404(res, input);
      if (!scope) return;
      const data = await exportPersonalData(db, scope);
      await recordAudit(db, {
        action: 'personal_data_export',
        details: { lookupKind: input.kind, reports: scope.reportIds, inboundMails: data.inboundMails.length, outgoingMails: data.outgoingMails.length },
      });
      res.attachment(`data-pribadi-${new Date().toISOString().slice(0, 10)}.json`);
      res.type('application/json').send(JSON.stringify(data, null, 2));
    },

    async invalidErase(req: Request, res: Response, errors: FieldErrors) {
      // The reporter stays on screen with the errors, so the admin sees what they were about to erase.
      const body = req.body ?? {};
      const lookup = { kind: body.kind, value: body.value };
      const scope = LOOKUP_KINDS.includes(lookup.kind) && typeof lookup.value === 'string' ? await findReporter(db, lookup) : null;
      await render(res, { lookup, scope: scope ?? undefined, errors });
    },

    async erase(req: Request, res: Response) {
      const input = req.input as EraseInput;
      const scope = await scopeOr404(res, input);
      if (!scope) return;
      const t: Translate = res.locals.t;
      const result = await eraseOnRequest(db, { scope, lookupKind: input.kind, reference: input.reference, adminId: req.user!.id });
      req.log?.info({ erasureId: result.erasureId, by: req.user!.id, counts: result.counts }, 'personal data erased');
      const c = result.counts;
      flash(req, 'success', t('privacy:page.erased', { reports: c.reports, messages: c.messages, inbound: c.inboundMails, outbound: c.outbox }));
      res.redirect(303, PAGE);
    },

    async invalidRetention(req: Request, res: Response, errors: FieldErrors) {
      await render(res, { retention: req.body ?? {}, retentionErrors: errors });
    },

    async saveRetention(req: Request, res: Response) {
      const input = req.input as RetentionInput;
      await saveRetentionPeriods(db, input, req.user!.id);
      flash(req, 'success', res.locals.t('privacy:page.retentionSaved'));
      res.redirect(303, PAGE);
    },
  };
}

async function retentionValues(db: Db): Promise<RetentionInput> {
  const [retentionReporterMonths, retentionInboundMailMonths, retentionOutboxMonths] = await Promise.all([
    getSetting(db, 'retentionReporterMonths'),
    getSetting(db, 'retentionInboundMailMonths'),
    getSetting(db, 'retentionOutboxMonths'),
  ]);
  return { retentionReporterMonths, retentionInboundMailMonths, retentionOutboxMonths };
}

/** The looked-up value as the admin recognises it. */
function shown(scope: ReporterScope): string {
  return scope.lookup.kind === 'code' ? formatCode(scope.lookup.value) : scope.lookup.value;
}

/** A value that cannot be an e-mail, phone or code is a field error; a valid one simply matched nothing. */
function lookupErrors(lookup: LookupInput, t: Translate): FieldErrors | undefined {
  if (normalizeLookup(lookup.kind, lookup.value)) return undefined;
  return { value: t('privacy:errors.value', { kind: t(`privacy:kinds.${lookup.kind}`) }) };
}
