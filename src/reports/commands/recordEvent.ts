import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/commands/recordAudit.js';
import type { DB } from '../../db/schema.js';
import { type EventProps, eventRow } from '../events.js';

/** An event that is not a status change (a message, a rating), or the first one. */
export async function recordEvent(trx: Kysely<DB>, e: EventProps): Promise<void> {
  await trx
    .insertInto('report_events')
    .values({ report_id: e.reportId, ...eventRow(e) })
    .execute();
  // Every staff action on a report passes here (transition() included): its audit entry
  // commits or rolls back with the event.
  if (e.actor.kind === 'staff') {
    await recordAudit(trx, {
      action: e.type,
      actor: { userId: e.actor.userId ?? null },
      report: { id: e.reportId },
      details: { from: e.fromStatus ?? undefined, to: e.toStatus ?? undefined, reason: e.reason ?? undefined, ...e.data },
    });
  }
}
