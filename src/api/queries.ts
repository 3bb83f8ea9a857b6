import type { Db } from '../db/database.js';
import type { RegionsQuery } from './schema.js';

/** The lists a client needs to fill the report form (referenceHandlers.ts). */

export async function listCategories(db: Db) {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'code', 'name', 'name_en', 'description', 'default_agency_id'])
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    agencyId: c.default_agency_id,
  }));
}

export async function listAgencies(db: Db) {
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'code', 'name', 'short_name', 'kind', 'parent_id'])
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((a) => ({ id: a.id, code: a.code, name: a.name, shortName: a.short_name, kind: a.kind, parentId: a.parent_id }));
}

export async function listRegions(db: Db, filter: RegionsQuery) {
  let query = db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).orderBy('code');
  if (filter.parent) query = query.where('parent_code', '=', filter.parent);
  if (filter.level) query = query.where('level', '=', filter.level);
  const rows = await query.execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

/** What a duplicate submission answers about the report already made. */
export function reportCodeAndStatus(db: Db, id: number) {
  return db.selectFrom('reports').select(['tracking_code', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
}
