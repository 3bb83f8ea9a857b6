import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { Report } from '../db/schema.js';
import { lettersOfReport, type ReportLetters } from '../letters/queries.js';
import { agencyOf, categoryOf, type ReportContext, regionOf } from '../reports/queries.js';

type ContextKeys = { category_id: number | null; region_code: string | null; assigned_agency_id: number | null };

// Each part of what a citizen sees, as one query builder, so the separate reads below
// (the API, the load floor) and the tracking page's single statement ask the same thing;
// the report's context (category, region, OPD) is reports/queries.ts's, as staff pages read it.

/**
 * The OPD an event is about, as the citizen reads it. A forward (verify) or a transfer is
 * about the OPD the report went to, which its data names (triage/commands/forward.ts);
 * its agency_id is the acting coordinator's own agency (Diskominfo), which is what the
 * timeline wrongly said. Every other event is about the agency that acted.
 */
const eventAgencyId = sql<number | null>`case when report_events.type in ('verify', 'transfer')
  then coalesce((report_events.data->>'agencyId')::int, report_events.agency_id)
  else report_events.agency_id end`;

function eventsOf(db: Db, reportId: number) {
  return db
    .selectFrom('report_events')
    .leftJoin('agencies', (join) => join.on((eb) => eb('agencies.id', '=', eventAgencyId)))
    .select([
      'report_events.id', 'report_events.type', 'report_events.to_status', 'report_events.reason',
      'report_events.actor_kind', 'report_events.created_at', 'agencies.name as agency_name',
    ])
    .where('report_events.report_id', '=', reportId)
    .where('report_events.visibility', '=', 'public')
    .orderBy('report_events.created_at')
    .orderBy('report_events.id');
}

function messagesOf(db: Db, reportId: number) {
  return db
    .selectFrom('messages')
    .leftJoin('agencies', 'agencies.id', 'messages.agency_id')
    .select([
      'messages.id', 'messages.kind', 'messages.body', 'messages.author_kind', 'messages.planned_at',
      'messages.created_at', 'messages.sent_at', 'agencies.name as agency_name',
    ])
    .where('messages.report_id', '=', reportId)
    .where('messages.visibility', '=', 'public')
    // An answer reaches the citizen only once it is sent.
    .where((eb) => eb.or([eb('messages.kind', '<>', 'answer'), eb('messages.answer_status', '=', 'sent')]))
    .orderBy('messages.created_at')
    .orderBy('messages.id');
}

/**
 * The files the citizen may see and open: those sent with the report, and those of a
 * message they may read (a public one; an answer once sent). Staff's internal notes keep
 * their files. The page lists, and /lacak/CODE/lampiran/ID serves, by this one rule.
 */
function attachmentsOf(db: Db, reportId: number) {
  return db
    .selectFrom('attachments')
    .leftJoin('messages', 'messages.id', 'attachments.message_id')
    .select([
      'attachments.id', 'attachments.message_id', 'attachments.original_name', 'attachments.mime_type',
      'attachments.size_bytes', 'attachments.width', 'attachments.height', 'attachments.thumbnail_key',
    ])
    .where('attachments.report_id', '=', reportId)
    .where((eb) =>
      eb.or([
        eb('attachments.message_id', 'is', null),
        eb.and([
          eb('messages.visibility', '=', 'public'),
          eb.or([eb('messages.kind', '<>', 'answer'), eb('messages.answer_status', '=', 'sent')]),
        ]),
      ]),
    )
    .orderBy('attachments.id');
}

/** One file of the report the citizen may open (attachmentsOf's rule), with where it is stored. */
export function citizenAttachment(db: Db, reportId: number, attachmentId: number) {
  return attachmentsOf(db, reportId)
    .select(['attachments.storage_key'])
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
}

/** Everything the citizen may see of their report: public events and public messages. */
export async function citizenTimeline(db: Db, reportId: number) {
  const [events, messages, attachments] = await Promise.all([
    eventsOf(db, reportId).execute(),
    messagesOf(db, reportId).execute(),
    attachmentsOf(db, reportId).execute(),
  ]);
  return { events, messages, attachments };
}

type Timeline = Awaited<ReturnType<typeof citizenTimeline>>;
type Context = ReportContext;

/** A timestamp as JSON carries it (an ISO string) back to the Date the row would hold. */
const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * The tracking page's reads, the same as reportContext, citizenTimeline and lettersOfReport
 * give, in one statement: seven small reads are seven round trips, each with its own parse,
 * plan and protocol work on both sides, and under load those, not the reads, were the
 * page's cost. Built and compiled once (db/precompiled.ts): the busiest page's statement.
 */
const citizenViewQuery = precompiled((db, p: { id: number; categoryId: number; regionCode: string; agencyId: number }) =>
  db.selectNoFrom(() => [
    jsonArrayFrom(eventsOf(db, p.id)).as('events'),
    jsonArrayFrom(messagesOf(db, p.id)).as('messages'),
    jsonArrayFrom(attachmentsOf(db, p.id)).as('attachments'),
    jsonObjectFrom(categoryOf(db, p.categoryId)).as('category'),
    jsonObjectFrom(regionOf(db, p.regionCode)).as('region'),
    jsonObjectFrom(agencyOf(db, p.agencyId)).as('agency'),
    jsonArrayFrom(lettersOfReport(db, p.id)).as('letters'),
  ]),
  // Planning it was most of its cost to PostgreSQL: 2.0-2.4 ms of CPU a view, 0.8 prepared.
  { prepared: true },
);

export async function citizenView(db: Db, report: ContextKeys & { id: number }): Promise<{ ctx: Context; timeline: Timeline; letters: ReportLetters }> {
  const [row] = await citizenViewQuery.execute(db, {
    id: report.id,
    categoryId: report.category_id ?? -1,
    regionCode: report.region_code ?? '',
    agencyId: report.assigned_agency_id ?? -1,
  });
  if (!row) throw new Error('citizenView: no row');
  return {
    ctx: {
      category: (report.category_id && row.category) || undefined,
      region: (report.region_code && row.region) || undefined,
      agency: (report.assigned_agency_id && row.agency) || undefined,
    },
    timeline: {
      events: row.events.map((e) => ({ ...e, created_at: toDate(e.created_at) })),
      messages: row.messages.map((m) => ({ ...m, created_at: toDate(m.created_at), sent_at: m.sent_at === null ? null : toDate(m.sent_at) })),
      attachments: row.attachments,
    },
    letters: row.letters.map((l) => ({ ...l, issued_at: toDate(l.issued_at) })),
  };
}

/** The report as it is now (after an action), for live updates. */
export function reportById(db: Db, id: number) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The report's status as it is now, for an API answer after an action. */
export async function currentStatus(db: Db, id: number) {
  return (await db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

/** Merges followed at most: a report merged into one that was itself merged later. */
const MERGE_HOPS = 5;

/**
 * For a merged report: the report it joined, followed on when that one was merged too, as
 * much as its reporter may see of it. That report belongs to someone else: its status,
 * deadlines, OPD, rejection note and its sent answers, which are written for everyone who
 * raised the matter; never its reporter, its text or anything internal.
 */
export async function mergedTarget(db: Db, report: Pick<Report, 'merged_into_id'>) {
  let id = report.merged_into_id;
  let target;
  for (let hop = 0; id !== null && hop < MERGE_HOPS; hop++) {
    target = await db
      .selectFrom('reports')
      .leftJoin('agencies', 'agencies.id', 'reports.assigned_agency_id')
      .select([
        'reports.id', 'reports.tracking_code', 'reports.status', 'reports.merged_into_id', 'reports.rejection_reason',
        'reports.verify_due_at', 'reports.response_due_at', 'reports.info_due_at', 'reports.close_due_at',
        'agencies.name as agency_name',
      ])
      .where('reports.id', '=', id)
      .executeTakeFirst();
    if (!target) return undefined;
    id = target.status === 'merged' ? target.merged_into_id : null;
  }
  if (!target) return undefined;
  const answers = await db
    .selectFrom('messages')
    .leftJoin('agencies', 'agencies.id', 'messages.agency_id')
    .select(['messages.id', 'messages.body', 'messages.planned_at', 'messages.sent_at', 'messages.created_at', 'agencies.name as agency_name'])
    .where('messages.report_id', '=', target.id)
    .where('messages.kind', '=', 'answer')
    .where('messages.visibility', '=', 'public')
    .where('messages.answer_status', '=', 'sent')
    .orderBy('messages.sent_at')
    .orderBy('messages.id')
    .execute();
  return { ...target, answers };
}

export type MergedTarget = NonNullable<Awaited<ReturnType<typeof mergedTarget>>>;
