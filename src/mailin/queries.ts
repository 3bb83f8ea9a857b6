import type { Db } from '../db/database.js';

/**
 * The mails a report came from and that joined it, as received: the quoted history the
 * intake cut from them is here, for staff, when the cut took too much.
 */
export function originalMails(db: Db, reportId: number) {
  return db
    .selectFrom('inbound_mails')
    .select(['received_at as at', 'subject', 'full_text as text'])
    .where('report_id', '=', reportId)
    .where('outcome', 'in', ['report', 'reply'])
    .where('full_text', 'is not', null)
    .orderBy('id')
    .execute();
}
