import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * The active client whose key has this hash, noting that the key was used now (the admin
 * page shows when each client last sent a request). Undefined for an unknown or
 * deactivated key.
 */
export async function useKey(db: Db, keyHash: string): Promise<{ id: number; name: string } | undefined> {
  return db
    .updateTable('open311_clients')
    .set({ last_used_at: sql`now()` })
    .where('key_hash', '=', keyHash)
    .where('active', '=', true)
    .returning(['id', 'name'])
    .executeTakeFirst();
}
