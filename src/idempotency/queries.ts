import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The kept answer found by a key's lookup hash, unless it has expired (the purge may not have run yet). */
export function keptAnswer(db: Kysely<DB>, lookup: Buffer) {
  return db
    .selectFrom('idempotent_answers')
    .select(['scope', 'fingerprint', 'sealed_answer', 'report_id'])
    .where('lookup_hash', '=', lookup)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}
