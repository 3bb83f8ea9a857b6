import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, PublicationStatus } from '../db/schema.js';

/** The coordinator's list: drafts oldest first (or the decided ones, newest first). */
export function publicationQueue(db: Db, status: PublicationStatus, limit = 50) {
  let q = db
    .selectFrom('publications as p')
    .innerJoin('reports as r', 'r.id', 'p.report_id')
    .leftJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['r.tracking_code as code', 'p.title', 'p.status', 'p.created_at', 'p.decided_at', 'a.name as agency'])
    .where('p.status', '=', status);
  q = status === 'draft' ? q.orderBy('p.created_at').orderBy('p.report_id') : q.orderBy('p.decided_at', 'desc').orderBy('p.report_id', 'desc');
  return q.limit(limit).execute();
}

export async function publicationCounts(db: Db): Promise<Record<PublicationStatus, number>> {
  const rows = await db.selectFrom('publications').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  const counts: Record<PublicationStatus, number> = { draft: 0, published: 0, declined: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export function findPublication(db: Db, reportId: number) {
  return db.selectFrom('publications').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

/**
 * The report's images, to choose from for the public page: the citizen's, and those of the
 * answer that was sent (`proposed` when its OPD asked to show it). Never a photo of an
 * internal note or of a draft the citizen has not received.
 */
export function choosableImages(db: Kysely<DB>, reportId: number) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .where('a.report_id', '=', reportId)
    .where('a.mime_type', 'like', 'image/%')
    .where((eb) => eb.or([eb('a.message_id', 'is', null), eb.and([eb('m.visibility', '=', 'public'), eb.or([eb('m.kind', '<>', 'answer'), eb('m.answer_status', '=', 'sent')])])]));
}

export function reportImages(db: Db, reportId: number) {
  return choosableImages(db, reportId).select(['a.id', 'a.original_name', 'a.thumbnail_key', 'a.show_public as proposed']).orderBy('a.id').execute();
}

/** The answer sent to the reporter, shown beside the public version as the original. */
export function sentAnswer(db: Db, reportId: number) {
  return db.selectFrom('messages').select('body').where('report_id', '=', reportId).where('answer_status', '=', 'sent').orderBy('id', 'desc').executeTakeFirst();
}
