import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Every client, active ones first, newest first; never a key (only its hash is stored, and not read here). */
export function listClients(db: Db) {
  return db
    .selectFrom('open311_clients as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.name', 'c.active', 'c.last_used_at', 'u.name as created_by_name'])
    // (Generated<Timestamp> in schema.ts reads back as the column type, not a Date.)
    .select(sql<Date>`c.created_at`.as('created_at'))
    .orderBy('c.active', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}
