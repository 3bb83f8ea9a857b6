import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { formatCode } from '../reports/tracking.js';
import { inboundMails, outboundMails, type ReporterScope } from './queries.js';

/**
 * Everything held about one reporter, as one JSON document: the answer to a request for
 * access (UU 27/2022 art. 7) and what the admin hands over before an erasure. It holds
 * what the reporter gave and what was said to them: their reports with identity fields,
 * the public timeline, the messages they wrote and the answers they received, the files'
 * descriptions, and every mail from or to their address. Internal notes and staff-only
 * events are the agencies' working papers, not the reporter's data, and stay out.
 */
export interface PersonalDataExport {
  format: 'e-pengaduan/personal-data/1';
  exportedAt: string;
  lookup: { kind: string; value: string };
  reports: unknown[];
  inboundMails: unknown[];
  outgoingMails: unknown[];
}

export async function exportPersonalData(db: Kysely<DB>, scope: ReporterScope, now = new Date()): Promise<PersonalDataExport> {
  const ids = scope.reportIds;
  const [reports, messages, events, attachments, inbound, outgoing] = await Promise.all([
    ids.length
      ? db
          .selectFrom('reports as r')
          .leftJoin('categories as c', 'c.id', 'r.category_id')
          .leftJoin('agencies as a', 'a.id', 'r.assigned_agency_id')
          .select([
            'r.id', 'r.tracking_code', 'r.kind', 'r.channel', 'r.title', 'r.body', 'r.address', 'r.latitude', 'r.longitude',
            'r.region_code', 'r.reporter_name', 'r.reporter_email', 'r.reporter_phone', 'r.reporter_phone_unverified', 'r.reporter_nik',
            'r.is_anonymous',
            'r.is_confidential', 'r.consent_at', 'r.status', 'r.submitted_at', 'r.answered_at', 'r.closed_at', 'r.rating',
            'r.rating_comment', 'c.name as category', 'a.name as agency',
          ])
          .where('r.id', 'in', ids)
          .orderBy('r.submitted_at')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('messages')
          .select(['report_id', 'kind', 'author_kind', 'body', 'created_at', 'sent_at'])
          .where('report_id', 'in', ids)
          .where('visibility', '=', 'public')
          // An answer reaches the reporter only once it is sent; drafts are working papers.
          .where((eb) => eb.or([eb('kind', '<>', 'answer'), eb('answer_status', '=', 'sent')]))
          .orderBy('id')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('report_events')
          .select(['report_id', 'type', 'from_status', 'to_status', 'reason', 'created_at'])
          .where('report_id', 'in', ids)
          .where('visibility', '=', 'public')
          .orderBy('id')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('attachments')
          .select(['report_id', 'original_name', 'mime_type', 'size_bytes', 'sha256', 'uploaded_by', 'created_at'])
          .where('report_id', 'in', ids)
          .where('uploaded_by', '=', 'citizen')
          .orderBy('id')
          .execute()
      : [],
    inboundMails(db, scope)
      .leftJoin('reports as r', 'r.id', 'inbound_mails.report_id')
      .select(['inbound_mails.received_at', 'inbound_mails.from_address', 'inbound_mails.subject', 'inbound_mails.outcome', 'inbound_mails.full_text', 'r.tracking_code'])
      .orderBy('inbound_mails.id')
      .execute(),
    outboundMails(db, scope)
      .leftJoin('reports as r', 'r.id', 'outbox.report_id')
      .select(['outbox.created_at', 'outbox.to_address', 'outbox.subject', 'outbox.text_body', 'outbox.status', 'outbox.sent_at', 'r.tracking_code'])
      .orderBy('outbox.id')
      .execute(),
  ]);
  const of = <T extends { report_id: number }>(rows: T[], id: number) => rows.filter((r) => r.report_id === id);
  const code = (c: string | null) => (c ? formatCode(c) : null);
  return {
    format: 'e-pengaduan/personal-data/1',
    exportedAt: now.toISOString(),
    lookup: scope.lookup,
    reports: reports.map((r) => ({
      trackingCode: formatCode(r.tracking_code),
      kind: r.kind,
      channel: r.channel,
      reporter: {
        name: r.reporter_name,
        email: r.reporter_email,
        phone: r.reporter_phone,
        // Only Open311 keeps one (as the client sent it, migration 0029).
        ...(r.reporter_phone_unverified ? { phoneUnverified: r.reporter_phone_unverified } : {}),
        nik: r.reporter_nik,
      },
      anonymous: r.is_anonymous,
      confidential: r.is_confidential,
      consentAt: r.consent_at,
      title: r.title,
      body: r.body,
      place: { address: r.address, latitude: r.latitude, longitude: r.longitude, regionCode: r.region_code },
      category: r.category,
      agency: r.agency,
      status: r.status,
      submittedAt: r.submitted_at,
      answeredAt: r.answered_at,
      closedAt: r.closed_at,
      rating: r.rating === null ? null : { stars: r.rating, comment: r.rating_comment },
      messages: of(messages, r.id).map((m) => ({ kind: m.kind, author: m.author_kind, body: m.body, at: m.sent_at ?? m.created_at })),
      timeline: of(events, r.id).map((e) => ({ type: e.type, from: e.from_status, to: e.to_status, reason: e.reason, at: e.created_at })),
      attachments: of(attachments, r.id).map((a) => ({
        name: a.original_name, type: a.mime_type, bytes: a.size_bytes, sha256: a.sha256, at: a.created_at,
      })),
    })),
    inboundMails: inbound.map((m) => ({
      receivedAt: m.received_at, from: m.from_address, subject: m.subject, outcome: m.outcome, text: m.full_text, report: code(m.tracking_code),
    })),
    outgoingMails: outgoing.map((m) => ({
      createdAt: m.created_at, to: m.to_address, subject: m.subject, text: m.text_body, status: m.status, sentAt: m.sent_at, report: code(m.tracking_code),
    })),
  };
}
