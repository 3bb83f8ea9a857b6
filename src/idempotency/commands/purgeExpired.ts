import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Deletes kept answers past their time. They are never used once expired (queries.ts); this
 * takes the sealed tracking secrets off the disk too. Run with the retention job
 * (privacy/retention.ts). Returns how many went.
 */
export async function purgeExpiredAnswers(db: Kysely<DB>): Promise<number> {
  const result = await db.deleteFrom('idempotent_answers').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
