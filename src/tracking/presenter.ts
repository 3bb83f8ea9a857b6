import type { Report } from '../db/schema.js';
import type { ReportContext } from '../reports/queries.js';
import { currentDue, isClosed, isOverdue } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { canTransition } from '../reports/transitions.js';
import { formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { citizenTimeline } from './queries.js';

type Timeline = Awaited<ReturnType<typeof citizenTimeline>>;
type Context = ReportContext;

const EVENT_TYPES = new Set([
  'submitted', 'verify', 'request_info', 'provide_info', 'citizen_message', 'reject', 'merge', 'return', 'transfer',
  'acknowledge', 'approve', 'reopen', 'appeal', 'resolve', 'rated',
]);

export function presentTracking(report: Report, ctx: Context, timeline: Timeline, t: Translate, locale: Locale) {
  const agencyName = ctx.agency?.name ?? t('tracking:events.someAgency');
  const due = currentDue(report);
  const overdue = isOverdue(report);
  const attachmentsByMessage = new Map<number | null, number>();
  for (const a of timeline.attachments) attachmentsByMessage.set(a.message_id, (attachmentsByMessage.get(a.message_id) ?? 0) + 1);

  const entries = [
    // A message speaks for itself; its bare "you added information" event would repeat it.
    ...timeline.events.filter((e) => e.type !== 'citizen_message').map((e) => ({
      at: e.created_at,
      kind: 'event' as const,
      text: t(`tracking:events.${EVENT_TYPES.has(e.type) ? e.type : 'other'}`, {
        agency: e.agency_name ?? agencyName,
        rating: report.rating ?? '',
      }),
      reason: e.reason,
    })),
    ...timeline.messages.map((m) => ({
      // An answer dates from when it was sent, not from when its draft began.
      at: m.sent_at ?? m.created_at,
      kind: 'message' as const,
      isAnswer: m.kind === 'answer',
      fromCitizen: m.author_kind === 'citizen',
      heading: t(`tracking:messages.${m.kind}`, { agency: m.agency_name ?? agencyName }),
      body: m.body,
      planned: m.planned_at ? t('tracking:page.plannedAt', { date: formatDateLong(new Date(`${m.planned_at}T00:00:00+07:00`), locale) }) : null,
      attachments: attachmentsByMessage.get(m.id) ?? 0,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const place = ctx.region
    ? ctx.region.parent_name
      ? `${ctx.region.name}, ${ctx.region.parent_name}`
      : ctx.region.name
    : null;
  const open = !isClosed(report.status);
  return {
    title: t('tracking:page.title', { code: formatCode(report.tracking_code) }),
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    statusText: t(`tracking:status.${report.status}`),
    statusClass: report.status,
    due: due ? t(overdue ? 'tracking:due.overdue' : `tracking:due.${report.status}`, { date: formatDateLong(due, locale) }) : null,
    overdue,
    report: {
      title: report.title,
      body: report.body,
      kind: t(`reports:kinds.${report.kind}`),
      category: ctx.category ? (locale === 'en' && ctx.category.name_en ? ctx.category.name_en : ctx.category.name) : null,
      place: [place, report.address].filter(Boolean).join(' — ') || null,
      agency: ctx.agency?.name ?? null,
      submittedAt: report.submitted_at,
      attachments: attachmentsByMessage.get(null) ?? 0,
      anonymous: report.is_anonymous,
      confidential: report.is_confidential,
      rejectionReason: report.rejection_reason,
    },
    entries,
    can: {
      addInformation: open,
      reply: canTransition(report.status, 'reopen'),
      resolve: canTransition(report.status, 'resolve'),
      rate: report.status === 'answered' || report.status === 'resolved',
    },
    rating: report.rating,
    ratingOptions: [5, 4, 3, 2, 1].map((n) => ({ value: n, label: t(`tracking:actions.stars.${n}`) })),
  };
}
