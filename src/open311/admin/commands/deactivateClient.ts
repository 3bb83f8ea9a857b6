import { audited } from '../../../audit/commands/recordAudit.js';
import type { Db } from '../../../db/database.js';

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
