import type { Actor } from '../auth/policy.js';
import type { Report } from '../db/schema.js';
import { reporterFor } from './access.js';
import type { ReportContext, staffReportDetail } from './queries.js';
import { formatCode } from './tracking.js';

type Detail = Awaited<ReturnType<typeof staffReportDetail>>;

/** The report as staff see it: the page and the staff API share this shape. */
export function presentStaffReport(
  report: Report,
  detail: Detail,
  ctx: ReportContext,
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
    category: ctx.category?.name ?? null,
    region: ctx.region?.name ?? null,
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
