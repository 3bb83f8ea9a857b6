import { audited } from '../../../audit/commands/recordAudit.js';
import type { Db } from '../../../db/database.js';
import { hashOpen311Key, newOpen311Key } from '../../keys.js';

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
