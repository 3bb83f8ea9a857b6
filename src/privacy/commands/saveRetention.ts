import type { Db } from '../../db/database.js';
import { setSetting } from '../../settings/commands/setSetting.js';
import type { RetentionInput } from '../schema.js';

/** An admin sets the retention periods: all of them or none. setSetting audits each change, in this transaction. */
export async function saveRetentionPeriods(db: Db, input: RetentionInput, adminId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name, value] of Object.entries(input) as [keyof RetentionInput, number][]) await setSetting(trx, name, value, adminId);
  });
}
