import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db/database.js';

type ContextKeys = { category_id: number | null; region_code: string | null; assigned_agency_id: number | null };

// Each part of what a citizen sees, as one query builder, so the separate reads below
// (the API, the load floor) and the tracking page's single statement ask the same thing.

function eventsOf(db: Db, reportId: number) {
  return db
    .selectFrom('report_events')
    .leftJoin('agencies', 'agencies.id', 'report_events.agency_id')
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

function attachmentsOf(db: Db, reportId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'original_name', 'mime_type', 'size_bytes'])
    .where('report_id', '=', reportId)
    .orderBy('id');
}

function categoryOf(db: Db, categoryId: number) {
  return db.selectFrom('categories').select(['name', 'name_en']).where('id', '=', categoryId);
}

function regionOf(db: Db, regionCode: string) {
  return db
    .selectFrom('regions as r')
    .leftJoin('regions as p', 'p.code', 'r.parent_code')
    .select(['r.name', 'r.level', 'p.name as parent_name'])
    .where('r.code', '=', regionCode);
}

function agencyOf(db: Db, agencyId: number) {
  return db.selectFrom('agencies').select('name').where('id', '=', agencyId);
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

export async function reportContext(db: Db, report: ContextKeys) {
  const [category, region, agency] = await Promise.all([
    report.category_id ? categoryOf(db, report.category_id).executeTakeFirst() : undefined,
    report.region_code ? regionOf(db, report.region_code).executeTakeFirst() : undefined,
    report.assigned_agency_id ? agencyOf(db, report.assigned_agency_id).executeTakeFirst() : undefined,
  ]);
  return { category, region, agency };
}

type Timeline = Awaited<ReturnType<typeof citizenTimeline>>;
type Context = Awaited<ReturnType<typeof reportContext>>;

/** A timestamp as JSON carries it (an ISO string) back to the Date the row would hold. */
const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * The tracking page's reads, the same as reportContext and citizenTimeline give, in one
 * statement: six small reads are six round trips, each with its own parse, plan and
 * protocol work on both sides, and under load those, not the reads, were the page's cost.
 */
export async function citizenView(db: Db, report: ContextKeys & { id: number }): Promise<{ ctx: Context; timeline: Timeline }> {
  const row = await db
    .selectNoFrom(() => [
      jsonArrayFrom(eventsOf(db, report.id)).as('events'),
      jsonArrayFrom(messagesOf(db, report.id)).as('messages'),
      jsonArrayFrom(attachmentsOf(db, report.id)).as('attachments'),
      jsonObjectFrom(categoryOf(db, report.category_id ?? -1)).as('category'),
      jsonObjectFrom(regionOf(db, report.region_code ?? '')).as('region'),
      jsonObjectFrom(agencyOf(db, report.assigned_agency_id ?? -1)).as('agency'),
    ])
    .executeTakeFirstOrThrow();
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
  };
}
