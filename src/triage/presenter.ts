import { can, type Actor } from '../auth/policy.js';
import type { Report } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import type { Translate } from '../web/i18n.js';
import type { staffReportDetail, verificationQueue } from './queries.js';

type QueueRow = Awaited<ReturnType<typeof verificationQueue>>['rows'][number];
type Detail = Awaited<ReturnType<typeof staffReportDetail>>;

export function presentQueueRow(row: QueueRow, t: Translate) {
  return {
    code: row.tracking_code,
    displayCode: formatCode(row.tracking_code),
    title: row.title,
    kind: t(`intake:kinds.${row.kind}`),
    channel: t(`triage:channels.${row.channel}`),
    status: t(`triage:statuses.${row.status}`),
    category: row.category_name ?? t('intake:form.categoryUnknown'),
    region: row.region_name,
    dueAt: row.verify_due_at,
    overdue: Boolean(row.verify_due_at && row.verify_due_at < new Date()),
    returned: row.returned_count > 0,
  };
}

/** Contact data only for those allowed: never for OPD staff on an anonymous report. */
export function reporterFor(actor: Actor, report: Report) {
  if (report.is_anonymous && !can(actor, 'reports:verify')) return null;
  return { name: report.reporter_name, email: report.reporter_email, phone: report.reporter_phone, nik: report.reporter_nik };
}

/** The report as staff see it: the page and the staff API share this shape. */
export function presentStaffReport(
  report: Report,
  detail: Detail,
  ctx: { agency: { id: number; code: string; name: string } | undefined; category: string | null; region: string | null },
  actor: Actor,
) {
  return {
    code: report.tracking_code,
    displayCode: formatCode(report.tracking_code),
    status: report.status,
    kind: report.kind,
    channel: report.channel,
    title: report.title,
    body: report.body,
    originalTitle: report.original_title,
    category: ctx.category,
    region: ctx.region,
    address: report.address,
    location: report.latitude !== null ? { lat: report.latitude, lng: report.longitude } : null,
    anonymous: report.is_anonymous,
    confidential: report.is_confidential,
    reporter: reporterFor(actor, report),
    agency: ctx.agency ?? null,
    supporting: detail.supporting,
    returnedCount: report.returned_count,
    deadlines: {
      verify: report.verify_due_at,
      response: report.response_due_at,
      resolve: report.resolve_due_at,
      info: report.info_due_at,
      close: report.close_due_at,
      extendedAt: report.extended_at,
    },
    submittedAt: report.submitted_at,
    rating: report.rating,
    ratingComment: report.rating_comment,
    events: detail.events.map((e) => ({
      type: e.type,
      from: e.from_status,
      to: e.to_status,
      reason: e.reason,
      visibility: e.visibility,
      actor: e.actor_kind === 'staff' ? (e.actor_name ?? e.agency_name) : e.actor_kind,
      at: e.created_at,
      data: e.data,
    })),
    messages: detail.messages.map((m) => ({
      kind: m.kind,
      body: m.body,
      visibility: m.visibility,
      answerStatus: m.answer_status,
      author: m.author_kind === 'staff' ? m.author_name : m.author_kind,
      at: m.created_at,
    })),
    attachments: detail.attachments.map((a) => ({
      id: a.id,
      name: a.original_name,
      type: a.mime_type,
      size: a.size_bytes,
      url: `/staf/lampiran/${a.id}`,
      thumbnailUrl: a.thumbnail_key ? `/staf/lampiran/${a.id}/kecil` : null,
    })),
  };
}
