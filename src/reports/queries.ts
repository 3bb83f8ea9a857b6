import type { Db } from '../db/database.js';

/** Reads about one report that several capabilities share. */

export function findReportByCode(db: Db, code: string) {
  return db.selectFrom('reports').selectAll().where('tracking_code', '=', code).executeTakeFirst();
}

/** The OPDs that support a report besides the one it is assigned to. */
export async function supportingAgencyIds(db: Db, reportId: number): Promise<number[]> {
  const rows = await db.selectFrom('report_supporting_agencies').select('agency_id').where('report_id', '=', reportId).execute();
  return rows.map((r) => r.agency_id);
}

// Each part of a report's context as one query builder, so reportContext's separate reads
// and the tracking page's single statement (tracking/queries.ts citizenView) ask the same.

export function categoryOf(db: Db, categoryId: number) {
  return db.selectFrom('categories').select(['name', 'name_en']).where('id', '=', categoryId);
}

export function regionOf(db: Db, regionCode: string) {
  return db
    .selectFrom('regions as r')
    .leftJoin('regions as p', 'p.code', 'r.parent_code')
    .select(['r.name', 'r.level', 'p.name as parent_name'])
    .where('r.code', '=', regionCode);
}

export function agencyOf(db: Db, agencyId: number) {
  return db.selectFrom('agencies').select(['id', 'code', 'name']).where('id', '=', agencyId);
}

type ContextKeys = { category_id: number | null; region_code: string | null; assigned_agency_id: number | null };

/** The names behind a report's category, region and OPD. */
export async function reportContext(db: Db, report: ContextKeys) {
  const [category, region, agency] = await Promise.all([
    report.category_id ? categoryOf(db, report.category_id).executeTakeFirst() : undefined,
    report.region_code ? regionOf(db, report.region_code).executeTakeFirst() : undefined,
    report.assigned_agency_id ? agencyOf(db, report.assigned_agency_id).executeTakeFirst() : undefined,
  ]);
  return { category, region, agency };
}

export type ReportContext = Awaited<ReturnType<typeof reportContext>>;

/** Everything staff see: every event (internal too), messages, attachments, names. */
export async function staffReportDetail(db: Db, reportId: number) {
  const [events, messages, attachments, supporting] = await Promise.all([
    db
      .selectFrom('report_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('agencies as a', 'a.id', 'e.agency_id')
      .select(['e.id', 'e.type', 'e.from_status', 'e.to_status', 'e.reason', 'e.visibility', 'e.actor_kind', 'e.data', 'e.created_at', 'u.name as actor_name', 'a.name as agency_name'])
      .where('e.report_id', '=', reportId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('messages as m')
      .leftJoin('users as u', 'u.id', 'm.author_user_id')
      .select(['m.id', 'm.kind', 'm.body', 'm.visibility', 'm.answer_status', 'm.author_kind', 'm.created_at', 'u.name as author_name'])
      .where('m.report_id', '=', reportId)
      .orderBy('m.created_at')
      .execute(),
    db.selectFrom('attachments').select(['id', 'original_name', 'mime_type', 'size_bytes', 'message_id', 'thumbnail_key']).where('report_id', '=', reportId).orderBy('id').execute(),
    db
      .selectFrom('report_supporting_agencies as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select(['a.id', 'a.code', 'a.name'])
      .where('s.report_id', '=', reportId)
      .execute(),
  ]);
  return { events, messages, attachments, supporting };
}
