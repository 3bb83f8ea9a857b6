import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Deletes the kept answers of these reports (a reporter's personal data erased: the answer
 * of a web form holds their e-mail address and the report's secret), in the caller's
 * transaction. A repeat of the key afterwards is a new request.
 */
export async function forgetAnswers(trx: Kysely<DB>, reportIds: readonly number[]): Promise<void> {
  if (!reportIds.length) return;
  await trx.deleteFrom('idempotent_answers').where('report_id', 'in', [...reportIds]).execute();
}
