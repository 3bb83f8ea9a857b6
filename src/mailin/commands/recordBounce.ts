import type { Db } from '../../db/database.js';
import { recordEvent } from '../../reports/commands/recordEvent.js';
import { insertInbound, type MailKey } from './recordInbound.js';

/**
 * A bounce of one of our mails joins its report, in one transaction: the mail's row, an
 * internal event for staff to see who did not get it, and the reason on the outbox row
 * of the mail that bounced.
 */
export async function recordBounce(
  db: Db,
  b: MailKey & { reportId: number; outboxId: number; failedRecipients: string[]; detail: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertInbound(trx, { ...b, outcome: 'bounce', reportId: b.reportId, detail: b.detail });
    await recordEvent(trx, {
      reportId: b.reportId,
      type: 'mail_bounced',
      actor: { kind: 'system' },
      visibility: 'internal',
      reason: b.detail,
      data: { recipients: b.failedRecipients, outboxId: b.outboxId },
    });
    await trx
      .updateTable('outbox')
      .set({ last_error: `bounced: ${b.detail}`.slice(0, 1000) })
      .where('id', '=', b.outboxId)
      .where('report_id', '=', b.reportId)
      .execute();
  });
}
