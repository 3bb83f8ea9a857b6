import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Every SLA policy, in the order they were made (the default first). */
export function listPolicies(db: Db) {
  return db.selectFrom('sla_policies').selectAll().orderBy('id').execute();
}

export function findPolicy(db: Db, id: number) {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The days off of one year, in date order. */
export function listHolidays(db: Db, year: number) {
  return db
    .selectFrom('holidays')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** One day off, by its date. */
export function findHoliday(db: Db, date: string) {
  return db.selectFrom('holidays').selectAll().where('date', '=', date).executeTakeFirst();
}

/** Years that have holidays, plus this one and the next, newest first. */
export async function holidayYears(db: Db, thisYear: number): Promise<number[]> {
  const rows = await db
    .selectFrom('holidays')
    .select(sql<number>`distinct extract(year from date)::int`.as('year'))
    .execute();
  return [...new Set([...rows.map((r) => Number(r.year)), thisYear, thisYear + 1])].sort((a, b) => b - a);
}
