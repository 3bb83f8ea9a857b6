import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import { holidaySeeds } from '../../db/seed/reference.js';
import { invalidateHolidays } from '../../reports/deadlines.js';
import { ConflictError } from '../../shared/errors.js';
import type { HolidayInput } from '../schema.js';

/** Adds a day off (cuti bersama, a local day off, a national holiday); a date once (409 when it is listed). */
export async function addHoliday(db: Db, input: HolidayInput) {
  const row = await audited(db, (trx) => trx
    .insertInto('holidays')
    .values({ date: input.date, name: input.name, kind: input.kind, source: 'admin' })
    .onConflict((oc) => oc.column('date').doNothing())
    .returningAll()
    .executeTakeFirst(),
    (h) => (h ? { action: 'holiday_add', target: { type: 'holiday', id: h.date }, details: { name: h.name, kind: h.kind } } : null));
  if (!row) throw new ConflictError('holiday_exists', 'sla:holidays.exists');
  invalidateHolidays();
  return row;
}

/** Deletes a day off; returns whether it existed. Deadlines already stored do not move. */
export async function deleteHoliday(db: Db, date: string): Promise<boolean> {
  const rows = await audited(db, (trx) => trx.deleteFrom('holidays').where('date', '=', date).returning(['date', 'name']).execute(),
    (r) => (r.length ? { action: 'holiday_delete', target: { type: 'holiday', id: date }, details: { name: r[0]!.name } } : null));
  invalidateHolidays();
  return rows.length > 0;
}

/**
 * Imports a year's days off the way the first start seeds them (holidaySeeds in
 * db/seed/reference.ts: the SKB's dates where we know them, else date-holidays), skipping
 * dates that already exist, so admins' own rows are kept.
 */
export async function importHolidayYear(db: Db, year: number): Promise<{ imported: number; skipped: number }> {
  const seeds = holidaySeeds([year]);
  if (!seeds.length) return { imported: 0, skipped: 0 };
  const rows = await audited(db, (trx) => trx
    .insertInto('holidays')
    .values(seeds)
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('date')
    .execute(),
    (r) => ({ action: 'holiday_import', target: { type: 'holiday_year', id: year }, details: { imported: r.length } }));
  invalidateHolidays();
  return { imported: rows.length, skipped: seeds.length - rows.length };
}
