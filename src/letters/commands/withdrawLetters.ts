import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Withdraws the files of these reports' letters, in the caller's transaction (a reporter's
 * personal data erased): the PDF, which names them, goes; the record stays, so the
 * verification page still confirms a copy the citizen holds. Returns how many.
 */
export async function withdrawLetters(trx: Kysely<DB>, reportIds: number[]): Promise<number> {
  if (!reportIds.length) return 0;
  const result = await trx
    .updateTable('answer_letters')
    .set({ pdf: null, withdrawn_at: sql<Date>`now()` })
    .where('report_id', 'in', reportIds)
    .where('pdf', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
