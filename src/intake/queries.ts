import type { Db } from '../db/database.js';

/** What the form needs to offer: active categories, kecamatan, and desa/kelurahan. */
export async function formOptions(db: Db) {
  const [categories, regions] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name', 'name_en'])
      .where('active', '=', true)
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
    db.selectFrom('regions').select(['code', 'parent_code', 'level', 'name']).orderBy('name').execute(),
  ]);
  return { categories, regions };
}

export type FormOptions = Awaited<ReturnType<typeof formOptions>>;
