import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { insertInbound, type MailKey } from './recordInbound.js';

/**
 * A citizen's mail to a closed report: kept on the report for staff, without re-opening
 * it, with the mail's row in the same transaction.
 */
export async function addLateMessage(db: Db, b: MailKey & { report: Report; body: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const message = await trx
      .insertInto('messages')
      .values({ report_id: b.report.id, kind: 'citizen_info', author_kind: 'citizen', body: b.body, visibility: 'public', agency_id: b.report.assigned_agency_id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { reportId: b.report.id, type: 'citizen_message', actor: { kind: 'citizen' }, visibility: 'public', data: { messageId: message.id, afterClose: true } });
    await insertInbound(trx, { ...b, outcome: 'reply', reportId: b.report.id, detail: 'report already closed' });
  });
}
