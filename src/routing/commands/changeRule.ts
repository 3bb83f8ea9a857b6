import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';

/** Turns a rule off (suggestions skip it) or on again. Returns false when there is no such rule. */
export async function setRuleActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const row = await audited(db, (trx) => trx
    .updateTable('routing_rules')
    .set({ active, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst(),
    (r) => (r ? { action: active ? 'routing_rule_activate' : 'routing_rule_deactivate', target: { type: 'routing_rule', id } } : null));
  return Boolean(row);
}

/** Removes a rule. Nothing refers to rules: past forwards keep their own events. */
export async function deleteRule(db: Db, id: number): Promise<boolean> {
  const row = await audited(db, (trx) => trx.deleteFrom('routing_rules').where('id', '=', id).returningAll().executeTakeFirst(),
    (r) => (r ? { action: 'routing_rule_delete', target: { type: 'routing_rule', id }, details: { categoryId: r.category_id, regionCode: r.region_code, agencyId: r.agency_id } } : null));
  return Boolean(row);
}
