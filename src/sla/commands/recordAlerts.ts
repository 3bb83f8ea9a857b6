import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SlaAlertKind } from '../../db/schema.js';
import { enqueueMail } from '../../notify/commands/enqueueMail.js';
import type { Recipient } from '../recipients.js';
import type { StageDef } from '../stages.js';

/** An alert the sweeper found due, with its mails already rendered. */
export interface DueAlert {
  report: { id: number; due: Date };
  mails: { recipient: Recipient; subject: string; text: string; html: string }[];
}

/**
 * Records the alerts and queues their mails in one short transaction (mails rendered
 * before it opens). The sla_alerts primary key (ON CONFLICT DO NOTHING) and the outbox
 * dedupe keys make each alert exist once, whatever other processes do; rows another
 * process has locked are skipped (it is handling them); a report whose status or deadline
 * changed since it was found is left alone. A breach also freezes the stage's verdict on
 * the report. Returns the alerts recorded.
 */
export async function recordAlerts(db: Db, def: StageDef, kind: SlaAlertKind, batch: readonly DueAlert[]): Promise<number> {
  if (!batch.length) return 0;
  return db.transaction().execute(async (trx) => {
    let recorded = 0;
    const col = sql.ref(def.column);
    for (const { report, mails } of batch) {
      const locked = await trx
        .selectFrom('reports')
        .select('id')
        .where('id', '=', report.id)
        .where('status', 'in', [...def.statuses])
        .where(sql<boolean>`date_trunc('milliseconds', ${col}) = ${report.due}`)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!locked) continue;
      const alert = await trx
        .insertInto('sla_alerts')
        .values({ report_id: report.id, stage: def.stage, kind, due_at: report.due, recipients: mails.length })
        .onConflict((oc) => oc.doNothing())
        .returning('report_id')
        .executeTakeFirst();
      if (!alert) continue;
      recorded += 1;
      if (kind === 'breach') {
        await trx
          .updateTable('reports')
          .set({ [def.breached]: sql`coalesce(${sql.ref(def.breached)}, ${report.due})` })
          .where('id', '=', report.id)
          .execute();
      }
      for (const m of mails) {
        await enqueueMail(trx, {
          to: m.recipient.email,
          subject: m.subject,
          text: m.text,
          html: m.html,
          reportId: report.id,
          dedupeKey: `sla:${kind}:${def.stage}:${report.id}:${report.due.getTime()}:${m.recipient.id}`,
        });
      }
    }
    return recorded;
  });
}
