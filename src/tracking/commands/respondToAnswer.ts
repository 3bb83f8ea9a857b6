import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, Report } from '../../db/schema.js';
import { transition } from '../../reports/commands/transition.js';
import { stageDueAt } from '../../reports/deadlines.js';

/**
 * After an answer, the citizen replies (a question, a detail) or appeals (the answer is
 * not acceptable). Either re-opens the report to the OPD with a new response deadline;
 * an appeal is counted as such in the metrics.
 */
export async function respondToAnswer(
  db: Db,
  props: { report: Report; body: string; appeal: boolean; now?: Date; record?: (trx: Kysely<DB>) => Promise<void> },
): Promise<void> {
  const now = props.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const message = await trx
      .insertInto('messages')
      .values({
        report_id: props.report.id,
        kind: props.appeal ? 'appeal' : 'citizen_reply',
        author_kind: 'citizen',
        body: props.body,
        visibility: 'public',
        agency_id: props.report.assigned_agency_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await transition(trx, {
      reportId: props.report.id,
      action: props.appeal ? 'appeal' : 'reopen',
      actor: { kind: 'citizen' },
      visibility: 'public',
      data: { messageId: message.id },
      set: {
        close_due_at: null,
        response_due_at: await stageDueAt(trx, props.report.category_id, 'respond', now),
        updated_at: sql`now()`,
      },
    });
    await props.record?.(trx);
  });
}
