import type { Request, Response } from 'express';
import { answerModel } from '../answers/presenter.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { presentStaffReport } from '../reports/presenter.js';
import { reportContext, staffReportDetail } from '../reports/queries.js';
import { identifies } from '../reports/reporter.js';
import { presentSkippedParts } from '../mailin/presenter.js';
import { describeStaffSource, staffSourceOf, takenByOf } from '../staffintake/presenter.js';
import { describeSuggestion, presentSimilar } from '../routing/presenter.js';
import { findSimilarReports } from '../routing/similar.js';
import { shouldAutoForward, suggestAgency } from '../routing/suggest.js';
import type { FieldErrors } from '../shared/errors.js';
import { REJECT_REASONS } from './commands/close.js';
import { allowedActions, ownQueue, type StaffAction } from './policy.js';
import { agencyGroups, placeRows, staffEventLabel, staffMessageHeading } from './presenter.js';
import { activeCategories, agencyOptions, opdMembers, originalMails, userName } from './queries.js';

/** An action the page refused: which form, its messages by field, and what was typed. */
export interface Refused {
  action: StaffAction;
  errors: FieldErrors;
}

/** The values a form posted, as a list (a checkbox group sends one value or several). */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === '' ? [] : [String(value)];
}

/**
 * The staff report page. It offers only the actions the server accepts from the report's
 * state for this user (policy.ts allowedActions). A refused action comes back with its own
 * form open, its values kept and its messages beside its fields; a refusal of the state
 * (409) is a notice above the page, which by then offers what the state allows.
 * The reporter's identity is shown only after a recorded click (`revealIdentity`).
 */
export async function renderReport(db: Db, config: Config, req: Request, res: Response, report: Report, refused?: Refused, revealIdentity = false) {
  const t = res.locals.t;
  const actor = req.user!;
  const [detail, ctx, agencies, categories] = await Promise.all([
    staffReportDetail(db, report.id),
    reportContext(db, report),
    agencyOptions(db),
    activeCategories(db),
  ]);
  const actions = allowedActions(actor, report);
  const triage = actions.forward
    ? await Promise.all([suggestAgency(db, report), findSimilarReports(db, report), shouldAutoForward(db, report.category_id)])
    : undefined;
  const presented = presentStaffReport(report, detail, ctx, actor);
  const identityHidden = identifies(presented.reporter) && !revealIdentity;
  const r = identityHidden ? { ...presented, reporter: null } : presented;

  // The refused form's messages and values go to that form only: several forms share
  // field names (the reject, return and extend forms each have a "reason").
  const conflict = refused?.errors._form;
  const fieldErrors = refused && !conflict ? refused.errors : undefined;
  const failed = fieldErrors ? refused!.action : undefined;
  const typed = failed ? ((req.body ?? {}) as Record<string, unknown>) : {};
  const forward = failed === 'forward' ? typed : {};
  const chosenAgency = forward.agency ? Number(forward.agency) : (triage?.[0].agencyId ?? report.assigned_agency_id);
  const back = ownQueue(actor);
  const agencyNames = new Map(agencies.map((a) => [a.id, a.short_name ?? a.name]));
  // A report taken by staff says how it came and who entered it ("Diterima lewat telepon oleh ...").
  const staffSource = staffSourceOf(report, takenByOf(detail.events));

  res.render('triage/report', {
    title: `${report.title} · ${r.displayCode}`,
    r,
    back: back ? { href: back.href, label: t(back.labelKey) } : null,
    identityHidden,
    place: placeRows(ctx.region, report.address, t),
    events: detail.events.map((e) => ({
      label: staffEventLabel(e, t, agencyNames),
      actor: e.actor_kind === 'staff' ? (e.actor_name ?? e.agency_name) : t(`reports:actors.${e.actor_kind}`),
      internal: e.visibility === 'internal',
      reason: e.reason,
      at: e.created_at,
    })),
    statusLabel: t(`reports:statuses.${report.status}`),
    channelLabel: t(`reports:channels.${report.channel}`),
    source: staffSource ? describeStaffSource(staffSource, t, res.locals.locale) : null,
    actions,
    conflict,
    errors: fieldErrors,
    errorPrefix: failed ? `f-${failed}-` : undefined,
    failed: failed ? { [failed]: fieldErrors } : {},
    values: failed ? { [failed]: typed } : {},
    suggestion: triage ? { ...triage[0], text: describeSuggestion(triage[0], t), auto: triage[2] } : null,
    similar: triage ? triage[1].map((s) => presentSimilar(s, t)) : [],
    agencyGroups: agencyGroups(agencies, { regionCode: report.region_code, chosen: chosenAgency ? [chosenAgency] : [], t }),
    supportingGroups: actions.forward
      ? agencyGroups(agencies, { regionCode: report.region_code, chosen: list(forward.supporting).map(Number), t, regionFirst: true })
      : [],
    reasons: REJECT_REASONS.map((value) => ({ value, label: t(`triage:reasons.${value}`), selected: failed === 'reject' && typed.reason === value })),
    categories: categories.map((c) => ({ value: c.id, label: c.name, selected: c.id === report.category_id })),
    messages: detail.messages.map((m) => ({
      heading: staffMessageHeading(m.kind, ctx.agency?.name ?? '', t),
      body: m.body,
      internal: m.visibility === 'internal',
      // The heading already says it came from the reporter; staff are named.
      author: m.author_kind === 'staff' ? m.author_name : null,
      at: m.created_at,
    })),
    answer: await answerModel(db, config, actor, report, t, res.locals.locale),
    // The mail as it came carries the sender's address and signature: it is shown with
    // the identity (after the recorded reveal), never to whom the identity is withheld.
    // With each, the parts not kept as attachments and why (src/mailin/presenter.ts).
    originalMails:
      report.channel === 'email' && r.reporter
        ? (await originalMails(db, report.id)).map(({ skipped_parts, ...m }) => ({ ...m, skipped: presentSkippedParts(skipped_parts, t, res.locals.locale) }))
        : [],
    // Whom the head may assign it to: the OPD's people, but not the one who holds it.
    assignees: actions.assign
      ? (await opdMembers(db, report.assigned_agency_id)).filter((m) => m.id !== report.assigned_user_id)
      : [],
    assignedTo: report.assigned_user_id ? await userName(db, report.assigned_user_id) : null,
  });
}
