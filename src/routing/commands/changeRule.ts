import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Turns a rule off (suggestions skip it) or on again. Returns false when there is no such rule. */
export async function setRuleActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const row = await db
    .updateTable('routing_rules')
    .set({ active, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Removes a rule. Nothing refers to rules: past forwards keep their own events. */
export async function deleteRule(db: Db, id: number): Promise<boolean> {
  const row = await db.deleteFrom('routing_rules').where('id', '=', id).returning('id').executeTakeFirst();
  return Boolean(row);
}
