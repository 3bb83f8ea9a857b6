import type { Report, ReportStatus } from '../db/schema.js';
import type { Submitted } from '../intake/commands/submitReport.js';
import type { ReportContext } from '../reports/queries.js';
import { currentDue, isClosed, isOverdue } from '../reports/statuses.js';
import { formatCode, resendPath } from '../reports/tracking.js';
import { canTransition } from '../reports/transitions.js';
import type { Locale, Translate } from '../shared/i18n.js';
import { eventText, presentMergedTarget } from '../tracking/presenter.js';
import type { citizenTimeline, MergedTarget } from '../tracking/queries.js';

type Timeline = Awaited<ReturnType<typeof citizenTimeline>>;
type Context = ReportContext;


/** 201 of POST /api/v1/reports: the only time the secret is shown. */
export function presentSubmitted(result: Submitted) {
  const { report } = result;
  return {
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    secret: result.secret,
    status: report.status,
    trackingUrl: result.trackingUrl,
    dueAt: currentDue(report)?.toISOString() ?? null,
  };
}

/**
 * 200 of POST /api/v1/reports when the same report was just sent: no secret (only its hash
 * is kept), but where a citizen who lost it has a new one sent.
 */
export function presentDuplicate(report: { tracking_code: string; status: ReportStatus }, publicUrl: string) {
  return {
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    status: report.status,
    duplicate: true as const,
    resendUrl: `${publicUrl}${resendPath(report.tracking_code)}`,
  };
}


/**
 * The citizen's view of their report, from the same rows as the tracking page: public
 * events and public messages only (answers once sent). Never the reporter's contact or
 * NIK, internal events or internal notes.
 */
export function presentReport(report: Report, ctx: Context, timeline: Timeline, t: Translate, locale: Locale, merged?: MergedTarget) {
  const agencyName = ctx.agency?.name ?? t('tracking:events.someAgency');
  const due = currentDue(report);
  const attachmentsByMessage = new Map<number | null, number>();
  for (const a of timeline.attachments) attachmentsByMessage.set(a.message_id, (attachmentsByMessage.get(a.message_id) ?? 0) + 1);

  const events = timeline.events.map((e) => ({
    type: 'event' as const,
    at: e.created_at.toISOString(),
    event: e.type,
    status: e.to_status,
    text: eventText(e, report, agencyName, t),
    reason: e.reason,
  }));
  const messages = timeline.messages.map((m) => ({
    type: 'message' as const,
    at: (m.sent_at ?? m.created_at).toISOString(),
    kind: m.kind,
    author: m.author_kind,
    heading: t(`tracking:messages.${m.kind}`, { agency: m.agency_name ?? agencyName }),
    body: m.body,
    plannedAt: m.planned_at,
    attachments: attachmentsByMessage.get(m.id) ?? 0,
  }));
  const entries = [...events, ...messages].sort((a, b) => a.at.localeCompare(b.at));

  return {
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    status: report.status,
    statusText: t(`tracking:status.${report.status}`),
    open: !isClosed(report.status),
    dueAt: due?.toISOString() ?? null,
    overdue: isOverdue(report),
    kind: report.kind,
    kindText: t(`reports:kinds.${report.kind}`),
    title: report.title,
    body: report.body,
    category: report.category_id && ctx.category
      ? { id: report.category_id, name: locale === 'en' && ctx.category.name_en ? ctx.category.name_en : ctx.category.name }
      : null,
    region: report.region_code && ctx.region
      ? { code: report.region_code, name: ctx.region.name, level: ctx.region.level, parentName: ctx.region.parent_name }
      : null,
    address: report.address,
    agency: report.assigned_agency_id && ctx.agency ? { id: report.assigned_agency_id, name: ctx.agency.name } : null,
    anonymous: report.is_anonymous,
    confidential: report.is_confidential,
    submittedAt: report.submitted_at.toISOString(),
    rejectionReason: report.rejection_reason,
    attachments: attachmentsByMessage.get(null) ?? 0,
    timeline: entries,
    mergedInto: merged ? presentMergedInto(merged, t) : null,
    rating: report.rating === null ? null : { rating: report.rating, comment: report.rating_comment },
    actions: {
      addMessage: !isClosed(report.status),
      resolve: canTransition(report.status, 'resolve'),
      appeal: canTransition(report.status, 'appeal'),
    },
  };
}

export type ReportView = ReturnType<typeof presentReport>;

/**
 * For a merged report: the report it joined, as the tracking page shows it (its status,
 * deadline, OPD and sent answers), never its reporter or text.
 */
function presentMergedInto(target: MergedTarget, t: Translate) {
  const m = presentMergedTarget(target, t);
  return {
    code: m.code,
    displayCode: m.displayCode,
    status: m.status,
    statusText: m.statusText,
    open: m.open,
    dueAt: m.due?.toISOString() ?? null,
    overdue: m.overdue,
    agency: m.agency,
    rejectionReason: m.rejectionReason,
    answers: m.answers.map((a) => ({ at: a.at.toISOString(), heading: a.heading, body: a.body, plannedAt: a.plannedAt })),
  };
}
