import Joi from 'joi';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import { DEFINITIONS, type SettingName, type ValueOf } from '../definitions.js';

/** Stores a setting (refused unless it fits its definition), with its audit entry. */
export async function setSetting<N extends SettingName>(db: Db, name: N, value: ValueOf<N>, userId: number | null): Promise<void> {
  const def = DEFINITIONS[name];
  Joi.assert(value, def.schema);
  const json = JSON.stringify(value);
  await audited(db, (trx) => trx
    .insertInto('settings')
    .values({ key: def.key, value: json, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: userId, updated_at: new Date() }))
    .execute(),
    () => ({ action: 'setting_change', ...(userId !== null ? { actor: { userId } } : {}), target: { type: 'setting', id: def.key }, details: { value } }));
}
