import type { Db } from '../../db/database.js';

/** Every template with its category's name: active first, then by category and order. */
export function listTemplates(db: Db) {
  return db
    .selectFrom('answer_templates as t')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .select(['t.id', 't.name', 't.body', 't.active', 't.sort_order', 'c.name as category'])
    .orderBy('t.active', 'desc')
    .orderBy('c.name', (o) => o.nullsFirst())
    .orderBy('t.sort_order')
    .orderBy('t.id')
    .execute();
}

export function findTemplate(db: Db, id: number) {
  return db.selectFrom('answer_templates').selectAll().where('id', '=', id).executeTakeFirst();
}
