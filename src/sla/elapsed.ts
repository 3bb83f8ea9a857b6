import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { dayMinutes, type OfficeHours, workingMinutesBetween } from './calendar.js';
import { cachedHolidays, configuredOfficeHours } from './deadlines.js';

/**
 * Working days a report took from one instant to another, with the time it waited for the
 * reporter (needs_info, from request_info to provide_info or the end) left out, as the
 * deadlines leave it out. The public pages and the dashboard count the same way.
 */
export async function workingDaysTaken(
  db: Kysely<DB>,
  props: { reportId: number; from: Date; to: Date },
  hours: OfficeHours = configuredOfficeHours(),
): Promise<number> {
  const holidays = await cachedHolidays(db);
  const events = await db
    .selectFrom('report_events')
    .select(['type', 'to_status', 'from_status', 'created_at'])
    .where('report_id', '=', props.reportId)
    .where('created_at', '>=', props.from)
    .where('created_at', '<=', props.to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let paused = 0;
  let pausedAt: Date | null = null;
  for (const e of events) {
    if (e.to_status === 'needs_info' && !pausedAt) pausedAt = e.created_at;
    else if (pausedAt && e.from_status === 'needs_info') {
      paused += workingMinutesBetween(pausedAt, e.created_at, holidays, hours);
      pausedAt = null;
    }
  }
  if (pausedAt) paused += workingMinutesBetween(pausedAt, props.to, holidays, hours);
  const minutes = workingMinutesBetween(props.from, props.to, holidays, hours) - paused;
  return Math.max(0, Math.round((minutes / dayMinutes(hours)) * 10) / 10);
}
