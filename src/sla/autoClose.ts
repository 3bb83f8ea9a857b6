import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { notifyCitizen } from '../notify/citizen.js';
import { draftPublication } from '../publication/commands/draft.js';
import { transition } from '../reports/commands/transition.js';
import { SWEEP_BATCH } from './stages.js';

/**
 * The two deadlines that act rather than alert (DESIGN.md section 4):
 *   needs_info past info_due_at -> rejected, reason 'incomplete';
 *   answered past close_due_at  -> resolved by the system (data {by: 'auto'}).
 * Each report in its own short transaction through the state machine; a row another
 * process holds is skipped, a row that changed meanwhile no longer matches. With the
 * config, a citizen who gets WhatsApp (notify/citizen.ts) is told, in the same transaction.
 */
export async function sweepAutoClose(db: Db, now: Date, config?: Config): Promise<{ rejected: number; resolved: number; more: boolean }> {
  const counts = { rejected: 0, resolved: 0, more: false };
  const jobs = [
    { column: 'info_due_at', status: 'needs_info', kind: 'rejected' },
    { column: 'close_due_at', status: 'answered', kind: 'resolved' },
  ] as const;
  for (const job of jobs) {
    const rows = await db
      .selectFrom('reports')
      .select('id')
      .where('status', '=', job.status)
      .where(job.column, '<=', now)
      .orderBy(job.column)
      .limit(SWEEP_BATCH)
      .execute();
    if (rows.length === SWEEP_BATCH) counts.more = true;
    for (const { id } of rows) {
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('reports')
          .select('id')
          .where('id', '=', id)
          .where('status', '=', job.status)
          .where(job.column, '<=', now)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!row) return false;
        if (job.kind === 'rejected') {
          const closed = await transition(trx, {
            reportId: id,
            action: 'reject',
            actor: { kind: 'system' },
            reason: 'incomplete',
            visibility: 'public',
            data: { by: 'auto' },
            set: { rejection_reason: 'incomplete', info_due_at: null, closed_at: sql`now()` },
          });
          if (config) await notifyCitizen(trx, config, closed, undefined, { kind: 'rejected', vars: { note: '' } });
        } else {
          const resolved = await transition(trx, {
            reportId: id,
            action: 'resolve',
            actor: { kind: 'system' },
            visibility: 'public',
            data: { by: 'auto' },
            set: { resolved_at: sql`now()`, closed_at: sql`now()` },
          });
          await draftPublication(trx, id);
          if (config) await notifyCitizen(trx, config, resolved, undefined, { kind: 'resolved' });
        }
        return true;
      });
      if (done) counts[job.kind] += 1;
    }
  }
  return counts;
}
