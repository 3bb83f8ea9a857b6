import type { Kysely } from 'kysely';
import { QUESTIONS, CITIZEN_INFO, CITIZEN_THANKS, DRAFT_RETURNS, INTERNAL_NOTES, REJECTIONS } from '../../src/demo/texts.js';
import type { CalendarSql } from './calendar.js';
import { timed } from './trace.js';

/**
 * Rows of every table from the chunk's plan (plan.ts), each one INSERT ... SELECT:
 * reports, report_events, messages (questions, the citizen's answers, internal notes,
 * answer drafts returned, submitted and sent, the citizen's thanks), attachments metadata
 * (no files), report_durations, publications and sla_alerts. A step whose time is after
 * "now" has not happened: no event, no message, no timestamp.
 */
export interface RowsInput {
  now: Date;
  coordinators: number[];
  office: { start: number; end: number };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pickText = (list: readonly string[], u: string) => `(array[${list.map(lit).join(', ')}])[1 + floor(${list.length} * ${u})::int]`;
const seen = (t: string, now: string) => `(${t} is not null and ${t} <= ${now})`;

export async function insertRows(conn: Kysely<any>, cal: CalendarSql, input: RowsInput): Promise<void> {
  const now = `'${input.now.toISOString()}'::timestamptz`;
  const coord = `(array[${input.coordinators.join(', ')}]::int[])[1 + floor(${input.coordinators.length} * p.pick_u)::int]`;
  const verified = seen('p.t_verify', now);
  const answered = `p.status in ('answered', 'resolved')`;
  const rated = `(p.status = 'resolved' and p.rate_u < case when p.auto_close then 0.25 else 0.7 end)`;

  await timed(conn, `
    insert into reports (id, tracking_code, tracking_secret_hash, kind, channel, title, body, category_id, region_code,
      reporter_name, reporter_email, reporter_phone, reporter_nik, is_anonymous, is_confidential, consent_at, source_ref,
      status, status_before_pause, rejection_reason, merged_into_id, assigned_agency_id, assigned_user_id,
      verify_due_at, response_due_at, resolve_due_at, close_due_at, info_due_at, paused_at,
      submitted_at, verified_at, assigned_at, acknowledged_at, first_response_at, answered_at, resolved_at, closed_at,
      verify_breached_at, response_breached_at, resolve_breached_at, rating, rated_at, created_at, updated_at)
    overriding system value
    select p.id, p.tracking_code, p.secret_hash, p.kind, p.channel, p.title, p.body, p.category_id, p.region_code,
      p.rep_name, case when p.has_email or p.channel = 'email' then p.rep_email end,
      case when p.has_phone then p.rep_phone end, case when p.has_nik then p.rep_nik end,
      p.anon, p.confidential, p.sub_at, case when p.channel in ('api', 'open311') then 'bench' end,
      p.status, case when p.status = 'needs_info' then 'submitted' end,
      case when p.status = 'rejected' then case when p.incomplete
        then 'Laporan tidak lengkap: tidak ada tanggapan pelapor dalam 10 hari kerja' else ${pickText(REJECTIONS, 'p.pick_u')} end end,
      case when p.status = 'merged' then p.id - 1 - p.g % 20 end,
      case when ${verified} then p.agency_id end,
      case when ${seen('p.t_ack', now)} then p.staff_id end,
      p.verify_due, case when ${verified} then p.response_due end, case when ${verified} then p.resolve_due end,
      case when ${seen('p.t_approve', now)} then p.close_due end,
      case when p.status = 'needs_info' then p.info_due end, case when p.status = 'needs_info' then p.t_req end,
      p.sub_at, case when ${verified} then p.t_verify end, case when ${verified} then p.t_verify end,
      case when ${seen('p.t_ack', now)} then p.t_ack end,
      case when ${answered} then p.t_approve end, case when ${answered} then p.t_approve end,
      case when p.status = 'resolved' then p.t_resolve end,
      case when p.status = 'resolved' then p.t_resolve when p.status in ('rejected', 'merged') then p.t_end end,
      p.verify_breach, p.respond_breach, p.resolve_breach,
      case when ${rated} then least(5, 1 + floor(5 * power(p.rating_u, 0.55)))::int end,
      case when ${rated} then p.t_resolve end,
      p.sub_at, greatest(p.sub_at, least(${now}, coalesce(case when p.status = 'resolved' then p.t_resolve end, p.t_end, p.t_approve, p.t_draft, p.t_ack, p.t_verify, p.sub_at)))
    from gen_plan p`);

  // The events: the lifecycle's action names (src/reports/transitions.ts), who did them, when.
  await timed(conn, `
    insert into report_events (report_id, type, actor_kind, actor_user_id, from_status, to_status, reason, visibility, agency_id, data, created_at)
    select p.id, e.type, e.actor_kind, e.actor, e.from_status, e.to_status, e.reason, e.visibility, e.agency, e.data::jsonb, e.at
    from gen_plan p
    cross join lateral (values
      ('submitted', case when p.channel = 'staff' then 'staff' else 'citizen' end, case when p.channel = 'staff' then ${coord} end,
        null, 'submitted', null, 'public', null::int, '{"channel":"' || p.channel || '"}', p.sub_at),
      ('request_info', 'staff', ${coord}, 'submitted', 'needs_info', 'Informasi belum lengkap', 'public', null, '{}', p.t_req),
      ('provide_info', 'citizen', null, 'needs_info', 'submitted', null, 'public', null, '{}', p.t_provide),
      ('reject', 'system', null, 'needs_info', 'rejected', 'Laporan tidak lengkap: tidak ada tanggapan pelapor dalam 10 hari kerja',
        'public', null, '{"auto":true}', case when p.incomplete then p.info_due end),
      ('reject', 'staff', ${coord}, 'submitted', 'rejected', ${pickText(REJECTIONS, 'p.pick_u')}, 'public', null, '{}',
        case when p.branch = 'reject' then p.t_end end),
      ('merge', 'staff', ${coord}, 'submitted', 'merged', null, 'public', null, '{}', case when p.branch = 'merge' then p.t_end end),
      ('verify', 'staff', ${coord}, 'submitted', 'assigned', null, 'public', p.agency_id, '{}', p.t_verify),
      ('acknowledge', 'staff', p.staff_id, 'assigned', 'in_progress', null, 'public', p.agency_id, '{}', p.t_ack),
      ('submit_draft', 'staff', p.staff_id, 'in_progress', 'awaiting_approval', null, 'internal', p.agency_id, '{}', p.t_draft0),
      ('return_draft', 'staff', p.head_id, 'awaiting_approval', 'in_progress', ${pickText(DRAFT_RETURNS, 'p.pick_u')}, 'internal', p.agency_id, '{}', p.t_return),
      ('submit_draft', 'staff', p.staff_id, 'in_progress', 'awaiting_approval', null, 'internal', p.agency_id, '{}', p.t_draft),
      ('approve', 'staff', p.head_id, 'awaiting_approval', 'answered', null, 'public', p.agency_id, '{}', p.t_approve),
      ('resolve', case when p.auto_close then 'system' else 'citizen' end, null, 'answered', 'resolved',
        case when p.auto_close then 'Tidak ada tanggapan pelapor dalam 10 hari kerja setelah jawaban dikirim' else 'Pelapor menyatakan laporan selesai' end,
        'public', p.agency_id, case when p.auto_close then '{"auto":true}' else '{}' end, p.t_resolve)
    ) e(type, actor_kind, actor, from_status, to_status, reason, visibility, agency, data, at)
    where e.at is not null and e.at <= ${now}`);

  // Messages: answers are messages of kind 'answer' with their review state; each answer
  // submitted has its versions (with the draft checker's verdict: about 60% complete, 25%
  // not, 15% sent before the checker) and its reviews (returned once when the plan says so,
  // approved when sent), written by the same statement (no index lookup back into messages).
  const submitted = `m.answer_status in ('sent', 'submitted', 'returned')`;
  const verdict = `case when (p.g::bigint * 7919) % 100 < 15 then null else (p.g::bigint * 7919) % 100 < 75 end`;
  await timed(conn, `
    with m as (
    insert into messages (report_id, kind, author_kind, author_user_id, agency_id, body, visibility, answer_status, version,
      reviewed_by, reviewed_at, review_comment, sent_at, created_at, updated_at)
    select p.id, m.kind, m.author_kind, m.author, m.agency, m.body, m.visibility, m.answer_status, m.version,
      m.reviewed_by, m.reviewed_at, m.review_comment, m.sent_at, m.at, coalesce(m.reviewed_at, m.at)
    from gen_plan p
    cross join lateral (values
      ('question', 'staff', ${coord}, null::int, ${pickText(QUESTIONS, 'p.pick_u')}, 'public', null, 1, null::int, null::timestamptz, null, p.t_req, p.t_req),
      ('citizen_info', 'citizen', null, null, ${pickText(CITIZEN_INFO, 'p.pick_u')}, 'public', null, 1, null, null, null, null, p.t_provide),
      ('internal_note', 'staff', p.staff_id, p.agency_id, ${pickText(INTERNAL_NOTES, 'p.pick_u')}, 'internal', null, 1, null, null, null, null,
        case when p.note then p.t_ack + interval '2 minutes' end),
      ('answer', 'staff', p.staff_id, p.agency_id, p.answer, 'internal', 'returned', 1, p.head_id, p.t_return,
        ${pickText(DRAFT_RETURNS, 'p.pick_u')}, null, case when ${seen('p.t_return', now)} then p.t_draft0 end),
      ('answer', 'staff', p.staff_id, p.agency_id, p.answer, 'internal', 'submitted', case when p.returned then 2 else 1 end, null, null, null, null,
        case when p.status = 'awaiting_approval' then case when ${seen('p.t_draft', now)} then p.t_draft else p.t_draft0 end end),
      ('answer', 'staff', p.staff_id, p.agency_id, p.answer, 'internal', 'draft', 1, null, null, null, null,
        case when p.status = 'in_progress' and p.has_draft and not p.returned then p.t_ack + (${now} - p.t_ack) / 2 end),
      ('answer', 'staff', p.staff_id, p.agency_id, p.answer, 'public', 'sent', case when p.returned then 2 else 1 end, p.head_id, p.t_approve,
        null, p.t_approve, case when ${answered} then p.t_draft end),
      ('citizen_reply', 'citizen', null, null, ${pickText(CITIZEN_THANKS, 'p.pick_u')}, 'public', null, 1, null, null, null, null,
        case when p.status = 'resolved' and not p.auto_close then p.t_resolve end)
    ) m(kind, author_kind, author, agency, body, visibility, answer_status, version, reviewed_by, reviewed_at, review_comment, sent_at, at)
    where m.at is not null and m.at <= ${now}
    returning id, report_id, answer_status, version, body, author_user_id, created_at),
    v as (
      insert into answer_versions (message_id, version, body, author_user_id, elements_complete, created_at)
      select m.id, k, m.body, m.author_user_id, ${verdict}, m.created_at
      from m join gen_plan p on p.id = m.report_id cross join lateral generate_series(1, m.version) k
      where ${submitted})
    insert into answer_reviews (message_id, version, decision, comment, reviewer_user_id, created_at)
    select m.id, r.version, r.decision, r.comment, p.head_id, r.at
    from m join gen_plan p on p.id = m.report_id
    cross join lateral (values
      (1, 'returned', ${pickText(DRAFT_RETURNS, 'p.pick_u')}, case when p.returned and m.answer_status <> 'returned' then p.t_return end),
      (m.version, 'approved', null, case when m.answer_status = 'sent' then p.t_approve end)
    ) r(version, decision, comment, at)
    where ${submitted} and r.at is not null`);

  // Attachments metadata only (no files): the citizen's photos, and a letter with some answers.
  await timed(conn, `
    insert into attachments (report_id, storage_key, thumbnail_key, original_name, mime_type, size_bytes, sha256, width, height, uploaded_by, created_at)
    select p.id, 'bench/' || p.id || '-' || k || '.jpg', 'bench/' || p.id || '-' || k || '.thumb.webp', 'IMG_' || (20240000 + p.g % 9999) || '_' || k || '.jpg',
      'image/jpeg', 150000 + (p.g::bigint * 7919 + k * 104729) % 2400000, md5(p.id || '-' || k) || md5(k || '-' || p.id), 1600, 1200, 'citizen', p.sub_at
    from gen_plan p cross join lateral generate_series(1, p.photos) k
    union all
    select p.id, 'bench/' || p.id || '-surat.pdf', null, 'Surat-jawaban-' || p.tracking_code || '.pdf', 'application/pdf',
      80000 + (p.g::bigint * 104729) % 900000, md5(p.id || '-pdf') || md5('pdf-' || p.id), null, null, 'staff', p.t_approve
    from gen_plan p where p.doc and ${answered}`);

  // report_durations as recordDurations (src/reports/commands/recordDurations.ts) writes them at approve
  // and resolve: office minutes from submission to the answer, minus the question's wait,
  // in working days to one decimal (migration 0014).
  const day = input.office.end - input.office.start;
  const minutes = `greatest(p.cum_approve - p.cum_sub, 0) - case when p.detour then greatest(p.cum_provide - p.cum_req, 0) else 0 end`;
  await timed(conn, `
    insert into report_durations (report_id, submitted_at, first_response_days, answer_days, first_response_due_at, answer_due_at,
      responded_in_time, answered_in_time, reopened_count, appeal_count, computed_at)
    select p.id, p.sub_at, x.days, x.days, p.response_due, p.response_due, p.t_approve <= p.response_due, p.t_approve <= p.response_due, 0, 0,
      case when p.status = 'resolved' then p.t_resolve else p.t_approve end
    from gen_plan p
    cross join lateral (select round((greatest(${minutes}, 0) / ${day})::numeric, 1) as days) x
    where ${answered}`);

  // The public version of most resolved, non-rahasia cases (a few still awaiting approval).
  await timed(conn, `
    insert into publications (report_id, code, status, title, body, answer, agency_id, category_id, kecamatan_code, kind, channel,
      submitted_at, answered_at, resolved_at, answer_days, decided_by, decided_at, published_at, created_at, updated_at)
    select p.id, p.tracking_code, case when x.at <= ${now} then 'published' else 'draft' end, p.title, p.body, p.answer,
      p.agency_id, p.category_id, p.kec_code, p.kind, p.channel, p.sub_at, p.t_approve, p.t_resolve, d.first_response_days,
      case when x.at <= ${now} then ${coord} end, case when x.at <= ${now} then x.at end, case when x.at <= ${now} then x.at end,
      p.t_resolve, least(x.at, ${now})
    from gen_plan p
    join report_durations d on d.report_id = p.id
    cross join lateral (select p.t_resolve + interval '1 hour' * p.h_publish as at) x
    where p.status = 'resolved' and not p.confidential and p.publish_u < 0.55`);

  // The alerts the sweeper sent: a breach per deadline missed, and an escalation when it
  // stayed open 3 more working days (the default policy).
  await timed(conn, `
    insert into sla_alerts (report_id, stage, kind, due_at, recipients, created_at)
    select p.id, a.stage, k.kind, date_trunc('milliseconds', a.due), 1, k.at
    from gen_plan p
    cross join lateral (values ('verify', p.verify_due, p.verify_breach, p.verify_esc, coalesce(p.t_verify, p.t_end)),
                               ('respond', p.response_due, p.respond_breach, p.respond_esc, p.t_approve),
                               ('resolve', p.resolve_due, p.resolve_breach, p.resolve_esc, p.t_approve)) a(stage, due, breach, esc, done)
    cross join lateral (values ('breach', a.breach), ('escalation', a.esc + interval '1 minute')) k(kind, at)
    where a.breach is not null and k.at <= least(coalesce(a.done, ${now}), ${now})`);
}
