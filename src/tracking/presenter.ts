import type { Report } from '../db/schema.js';
import type { ReportContext } from '../reports/queries.js';
import { currentDue, isClosed, isOverdue, WAITING_ON_GOVERNMENT } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import { canTransition } from '../reports/transitions.js';
import { formatBytes, formatDateLong } from '../shared/format.js';
import type { Locale, Translate } from '../shared/i18n.js';
import type { citizenTimeline, MergedTarget } from './queries.js';

type Timeline = Awaited<ReturnType<typeof citizenTimeline>>;
type Context = ReportContext;
type TimelineEvent = Timeline['events'][number];
type TimelineFile = Timeline['attachments'][number];

/** Event types the tracking page has a sentence for; anything else reads "Update". */
const EVENT_TYPES = new Set([
  'submitted', 'verify', 'request_info', 'provide_info', 'citizen_message', 'reject', 'merge', 'return', 'transfer',
  'acknowledge', 'approve', 'reopen', 'appeal', 'resolve', 'rated',
]);

/** The sentence the citizen reads for an event, on the page and in the API. */
export function eventText(e: Pick<TimelineEvent, 'type' | 'agency_name'>, report: Pick<Report, 'rating'>, fallbackAgency: string, t: Translate): string {
  return t(`tracking:events.${EVENT_TYPES.has(e.type) ? e.type : 'other'}`, {
    agency: e.agency_name ?? fallbackAgency,
    rating: report.rating ?? '',
  });
}

/** Thumbnail size the stored thumbnail has (attachments/policy.ts: 320 px on its longest side). */
const THUMB_SIDE = 320;

/**
 * A file as the citizen sees it: a photo with its thumbnail, the original on tap; a
 * document or video as a link. Served only to this browser's session (handlers.ts).
 */
export function presentFile(a: TimelineFile, code: string, locale: Locale, n: number, t: Translate) {
  const url = `/lacak/${code}/lampiran/${a.id}`;
  const image = a.mime_type.startsWith('image/') && a.thumbnail_key !== null;
  const scale = a.width && a.height ? Math.min(1, THUMB_SIDE / Math.max(a.width, a.height)) : 1;
  return {
    url,
    name: a.original_name,
    size: formatBytes(a.size_bytes, locale),
    image,
    thumbnailUrl: image ? `${url}/kecil` : null,
    width: image && a.width ? Math.round(a.width * scale) : null,
    height: image && a.height ? Math.round(a.height * scale) : null,
    alt: t('tracking:files.photoAlt', { n, name: a.original_name }),
  };
}

export type CitizenFile = ReturnType<typeof presentFile>;

/** The files by message (null: sent with the report), numbered in order for their labels. */
function filesByMessage(timeline: Timeline, code: string, locale: Locale, t: Translate) {
  const out = new Map<number | null, CitizenFile[]>();
  timeline.attachments.forEach((a, i) => {
    const list = out.get(a.message_id) ?? [];
    list.push(presentFile(a, code, locale, i + 1, t));
    out.set(a.message_id, list);
  });
  return out;
}

/**
 * What the reporter of a merged report sees of the report it joined: its status, its
 * deadline, its OPD and its answers once sent. Dates stay dates; the page and the API
 * each write them their own way.
 */
export function presentMergedTarget(target: MergedTarget, t: Translate) {
  const overdue = isOverdue(target);
  // Only the government's deadlines: the other reporter's (to add details, to accept the
  // answer) are not this reporter's to keep.
  const due = target.status in WAITING_ON_GOVERNMENT ? currentDue(target) : null;
  return {
    code: target.tracking_code,
    displayCode: formatCode(target.tracking_code),
    status: target.status,
    open: !isClosed(target.status),
    statusText: t(target.status === 'needs_info' ? 'tracking:merged.needsInfo' : `tracking:status.${target.status}`),
    due,
    overdue,
    agency: target.agency_name,
    rejectionReason: target.status === 'rejected' ? target.rejection_reason : null,
    answers: target.answers.map((m) => ({
      at: m.sent_at ?? m.created_at,
      heading: t('tracking:messages.answer', { agency: m.agency_name ?? target.agency_name ?? t('tracking:events.someAgency') }),
      body: m.body,
      plannedAt: m.planned_at,
    })),
  };
}

const plannedText = (plannedAt: string | null, t: Translate, locale: Locale) =>
  plannedAt ? t('tracking:page.plannedAt', { date: formatDateLong(new Date(`${plannedAt}T00:00:00+07:00`), locale) }) : null;

export function presentTracking(
  report: Report,
  ctx: Context,
  timeline: Timeline,
  t: Translate,
  locale: Locale,
  merged?: MergedTarget,
) {
  const agencyName = ctx.agency?.name ?? t('tracking:events.someAgency');
  const due = currentDue(report);
  const overdue = isOverdue(report);
  const files = filesByMessage(timeline, report.tracking_code, locale, t);

  const entries = [
    // A message speaks for itself; its bare "you added information" event would repeat it.
    ...timeline.events.filter((e) => e.type !== 'citizen_message').map((e) => ({
      at: e.created_at,
      kind: 'event' as const,
      text: eventText(e, report, agencyName, t),
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
      planned: plannedText(m.planned_at, t, locale),
      files: files.get(m.id) ?? [],
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const place = ctx.region
    ? ctx.region.parent_name
      ? `${ctx.region.name}, ${ctx.region.parent_name}`
      : ctx.region.name
    : null;
  const open = !isClosed(report.status);
  const target = merged ? presentMergedTarget(merged, t) : null;
  return {
    title: t('tracking:page.title', { code: formatCode(report.tracking_code) }),
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    statusText: t(`tracking:status.${report.status}`),
    statusClass: report.status,
    due: target
      ? t('tracking:due.merged', { code: target.displayCode })
      : due
        ? t(overdue ? 'tracking:due.overdue' : `tracking:due.${report.status}`, { date: formatDateLong(due, locale) })
        : null,
    overdue,
    report: {
      title: report.title,
      body: report.body,
      kind: t(`reports:kinds.${report.kind}`),
      category: ctx.category ? (locale === 'en' && ctx.category.name_en ? ctx.category.name_en : ctx.category.name) : null,
      place: [place, report.address].filter(Boolean).join(' — ') || null,
      agency: ctx.agency?.name ?? null,
      submittedAt: report.submitted_at,
      files: files.get(null) ?? [],
      anonymous: report.is_anonymous,
      confidential: report.is_confidential,
      rejectionReason: report.rejection_reason,
    },
    merged: target && {
      ...target,
      due: target.due
        ? t(target.overdue ? 'tracking:due.overdue' : `tracking:due.${target.status}`, { date: formatDateLong(target.due, locale) })
        : null,
      answers: target.answers.map((a) => ({ ...a, planned: plannedText(a.plannedAt, t, locale) })),
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
