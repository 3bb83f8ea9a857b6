import type { Db } from '../db/database.js';

/** An attachment with its report (everything canViewReport needs), or undefined. */
export async function attachmentWithReport(db: Db, id: number) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('reports as r', 'r.id', 'a.report_id')
    .selectAll('r')
    .select(['a.storage_key', 'a.thumbnail_key', 'a.mime_type', 'a.original_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}
