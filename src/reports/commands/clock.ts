import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addWorkingMinutes, type OfficeHours, workingMinutesBetween } from '../../shared/calendar.js';
import { cachedHolidays, configuredOfficeHours } from '../deadlines.js';

/** Deadlines a pause stops and a resume moves (info_due_at is the pause's own clock). */
const RUNNING = ['verify_due_at', 'response_due_at', 'resolve_due_at'] as const;
type Running = (typeof RUNNING)[number];

/**
 * Stops the report's clock (needs_info). Call inside the transaction of the request_info
 * transition; a clock already stopped stays stopped from its first pause.
 */
export async function pauseClock(trx: Kysely<DB>, reportId: number, at: Date = new Date()): Promise<void> {
  await trx.updateTable('reports').set({ paused_at: sql`coalesce(paused_at, ${at})` }).where('id', '=', reportId).execute();
}

/**
 * The deadline columns a resume writes: each running deadline moved by the office time
 * the clock was stopped (a pause across a holiday or a weekend does not eat working
 * days), and the pause cleared. Pass it as `set` of the transition that resumes (e.g.
 * provide_info), or use resumeClock.
 */
export async function resumedDeadlines(
  trx: Kysely<DB>,
  reportId: number,
  at: Date = new Date(),
  hours: OfficeHours = configuredOfficeHours(),
): Promise<Partial<Record<Running | 'paused_at' | 'info_due_at', Date | null>>> {
  const row = await trx
    .selectFrom('reports')
    .select(['paused_at', ...RUNNING])
    .where('id', '=', reportId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!row.paused_at) return { info_due_at: null };
  const holidays = await cachedHolidays(trx);
  const minutes = workingMinutesBetween(row.paused_at, at, holidays, hours);
  const set: Partial<Record<Running | 'paused_at' | 'info_due_at', Date | null>> = { paused_at: null, info_due_at: null };
  for (const column of RUNNING) {
    const due = row[column];
    if (due) set[column] = addWorkingMinutes(due, minutes, holidays, hours);
  }
  return set;
}

/** Restarts the clock: running deadlines move by the working time paused. */
export async function resumeClock(trx: Kysely<DB>, reportId: number, at: Date = new Date(), hours?: OfficeHours): Promise<void> {
  const set = await resumedDeadlines(trx, reportId, at, hours);
  await trx.updateTable('reports').set(set).where('id', '=', reportId).execute();
}
