import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { hashOpen311Key, newOpen311Key } from '../keys.js';
import { audited } from '../../audit/commands/recordAudit.js';

/** Issues a key for a new client; the key is returned once and only its hash is stored. */
export async function issueClient(db: Db, props: { name: string; createdBy: number }): Promise<{ id: number; key: string }> {
  const key = newOpen311Key();
  const row = await audited(db, (trx) => trx
    .insertInto('open311_clients')
    .values({ name: props.name, key_hash: hashOpen311Key(key), created_by: props.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow(),
    (r) => ({ action: 'open311_key_issue', actor: { userId: props.createdBy }, target: { type: 'open311_client', id: r.id }, details: { name: props.name } }));
  return { id: row.id, key };
}

/** Deactivates an active client; its key stops working at once. Undefined when there is no such active client. */
export async function deactivateClient(db: Db, id: number): Promise<{ name: string } | undefined> {
  return audited(db, (trx) => trx
    .updateTable('open311_clients')
    .set({ active: false })
    .where('id', '=', id)
    .where('active', '=', true)
    .returning('name')
    .executeTakeFirst(),
    (r) => (r ? { action: 'open311_key_revoke', target: { type: 'open311_client', id }, details: { name: r.name } } : null));
}

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
