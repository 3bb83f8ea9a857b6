import type { Db } from '../db/database.js';

/** Every agency's code by id: links and the API name an OPD by its code. */
export async function agencyCodes(db: Db): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
}

/** The filter form's lists. */
export async function filterOptions(db: Db) {
  const [agencies, categories, kecamatan] = await Promise.all([
    db.selectFrom('agencies').select(['code', 'name']).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('categories').select(['code', 'name']).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('name').execute(),
  ]);
  return { agencies, categories, kecamatan };
}
