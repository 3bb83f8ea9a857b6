import type { Db } from '../db/database.js';

/** Every rule, active first, by category and kecamatan. A regency has dozens, not thousands. */
function rules(db: Db) {
  return db
    .selectFrom('routing_rules')
    .innerJoin('categories', 'categories.id', 'routing_rules.category_id')
    .innerJoin('agencies', 'agencies.id', 'routing_rules.agency_id')
    .leftJoin('regions', 'regions.code', 'routing_rules.region_code')
    .select([
      'routing_rules.id', 'routing_rules.region_code', 'routing_rules.note', 'routing_rules.active',
      'categories.name as category_name', 'agencies.name as agency_name', 'agencies.active as agency_active',
      'regions.name as region_name',
    ]);
}

/** Every rule, active first, by category and kecamatan. */
export function listRules(db: Db) {
  return rules(db)
    .orderBy('routing_rules.active', 'desc')
    .orderBy('categories.sort_order')
    .orderBy('categories.name')
    .orderBy('regions.name', (o) => o.nullsFirst())
    .orderBy('routing_rules.id')
    .execute();
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

/** One rule, with the names it points to. */
export function findRule(db: Db, id: number) {
  return rules(db).where('routing_rules.id', '=', id).executeTakeFirst();
}

export function listCategoryOptions(db: Db) {
  return db.selectFrom('categories').select(['id', 'name']).where('active', '=', true)
    .orderBy('sort_order').orderBy('name').execute();
}

export function listKecamatanOptions(db: Db) {
  return db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'kecamatan').orderBy('name').execute();
}

export function listAgencyOptions(db: Db) {
  return db.selectFrom('agencies').select(['id', 'name']).where('active', '=', true)
    .orderBy('kind').orderBy('name').execute();
}
