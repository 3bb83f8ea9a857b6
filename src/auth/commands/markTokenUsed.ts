import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** When an API token was last used, so an admin sees which integrations still call in. */
export async function markTokenUsed(db: Db, tokenId: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', tokenId).execute();
}
