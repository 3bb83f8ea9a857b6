import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import { transition } from '../../reports/commands/transition.js';
import { stageDueAt } from '../../reports/deadlines.js';
import { type Actor } from '../../reports/events.js';

/**
 * An OPD returns a forwarded report as "bukan wewenang" with its reason. It goes back to
 * the coordinator's queue, flagged (returned_count), with a new verification deadline;
 * the forwarding history stays in the events.
 */
export async function returnReport(db: Db, props: { report: Report; reason: string; actor: Actor; now?: Date }): Promise<Report> {
  const verifyDue = await stageDueAt(db, props.report.category_id, 'verify', props.now ?? new Date());
  return db.transaction().execute(async (trx) => {
    const updated = await transition(trx, {
      reportId: props.report.id,
      action: 'return',
      actor: props.actor,
      visibility: 'internal',
      reason: props.reason,
      data: { agencyId: props.report.assigned_agency_id },
      set: {
        assigned_agency_id: null,
        assigned_user_id: null,
        returned_count: sql`returned_count + 1`,
        verify_due_at: verifyDue,
        response_due_at: null,
        resolve_due_at: null,
      },
    });
    await trx.deleteFrom('report_supporting_agencies').where('report_id', '=', props.report.id).execute();
    return updated;
  });
}
