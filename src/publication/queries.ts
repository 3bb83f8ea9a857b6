import type { Db } from '../db/database.js';
import type { PublicationStatus } from '../db/schema.js';

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

/** The report's images, to choose from for the public page. */
export function reportImages(db: Db, reportId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'original_name', 'thumbnail_key'])
    .where('report_id', '=', reportId)
    .where('mime_type', 'like', 'image/%')
    .orderBy('id')
    .execute();
}

/** The answer sent to the reporter, shown beside the public version as the original. */
export function sentAnswer(db: Db, reportId: number) {
  return db.selectFrom('messages').select('body').where('report_id', '=', reportId).where('answer_status', '=', 'sent').orderBy('id', 'desc').executeTakeFirst();
}
