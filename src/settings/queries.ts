import type { Db } from '../db/database.js';
import { DEFINITIONS, type SettingName, type ValueOf } from './definitions.js';

/** A setting's value; a missing or damaged row reads as the definition's default. */
export async function getSetting<N extends SettingName>(db: Db, name: N): Promise<ValueOf<N>> {
  const def = DEFINITIONS[name];
  const row = await db.selectFrom('settings').select('value').where('key', '=', def.key).executeTakeFirst();
  const { error, value } = def.schema.validate(row?.value);
  return (row === undefined || error ? def.default : value) as ValueOf<N>;
}
