import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import type { PolicyInput } from '../schema.js';

/**
 * Saves an SLA policy's day counts. Deadlines already stored on reports keep their
 * values; stages that start from now on use the new counts.
 */
export async function updatePolicy(db: Db, id: number, input: PolicyInput) {
  return audited(db, (trx) => trx
    .updateTable('sla_policies')
    .set({ ...input, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst(),
    (p) => (p ? { action: 'sla_policy_update', target: { type: 'sla_policy', id }, details: { ...input } } : null));
}
