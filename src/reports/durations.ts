import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { dayMinutes, type OfficeHours, workingMinutesBetween } from '../shared/calendar.js';
import { cachedHolidays, configuredOfficeHours } from './deadlines.js';

/**
 * report_durations (migration 0012): each report's durations in working days and its SLA
 * verdicts, the stored facts the dashboard aggregates. recordDurations() (commands/recordDurations.ts) is
 * called at the end of every transition (commands/transition.ts), in its transaction; it recomputes the
 * row from the report and its events, so it is idempotent and safe to call again.
 *
 * Rules (the DEFINITIONS in metrics.ts say the same for readers):
 * - Time to first response: submitted_at -> first_response_at (the first answer sent),
 *   office minutes on working days, minus the minutes the report waited in needs_info:
 *   exactly workingDaysTaken (below), one decimal.
 * - Time to answer: submitted_at -> answered_at of the answer that stands (the last one).
 *   Also left out: each spell in which an earlier answer was with the reporter before a
 *   reply or an appeal re-opened the report (a wait for the reporter, like needs_info).
 *   Null while the report is not answered (re-opened and not yet answered again, or
 *   closed without an answer).
 * - Verdicts compare with the response deadline in force when that answer was sent
 *   (after the pauses and the extension up to then), frozen in *_due_at: a re-open sets a
 *   new response deadline for the next answer and never rewrites an earlier verdict.
 */

/**
 * The transitions after which a row can change: an answer sent (approve), an answer
 * re-opened (reopen, appeal), and resolve (writes the row of a report answered before
 * migration 0012 if the backfill has not reached it yet).
 */
export const DURATION_ACTIONS: ReadonlySet<string> = new Set(['approve', 'reopen', 'appeal', 'resolve']);

interface EventRow {
  type: string;
  from_status: string | null;
  to_status: string | null;
  created_at: Date;
}

/**
 * Office minutes from `from` to `to` minus those spent in one of `waits` (a spell opens
 * with an event whose to_status is a wait and closes with the next event leaving it).
 */
export function workingMinutesExcluding(
  events: readonly EventRow[],
  from: Date,
  to: Date,
  waits: readonly string[],
  holidays: ReadonlySet<string>,
  hours: OfficeHours,
): number {
  let paused = 0;
  let pausedAt: Date | null = null;
  for (const e of events) {
    if (e.created_at < from || e.created_at > to) continue;
    if (!pausedAt && e.to_status && waits.includes(e.to_status)) pausedAt = e.created_at;
    else if (pausedAt && e.from_status && waits.includes(e.from_status)) {
      paused += workingMinutesBetween(pausedAt, e.created_at, holidays, hours);
      pausedAt = null;
    }
  }
  if (pausedAt) paused += workingMinutesBetween(pausedAt, to, holidays, hours);
  return Math.max(0, workingMinutesBetween(from, to, holidays, hours) - paused);
}

// One decimal: the figure the tracking page and the portal show (workingDaysTaken), and a
// month of durations fits in a small histogram (migration 0014).
export const round1 = (days: number) => Math.round(days * 10) / 10;

/**
 * Working days a report took from one instant to another, with the time it waited for the
 * reporter to give details (needs_info) left out, as the deadlines leave it out. The
 * public pages and the dashboard's time to first response count the same way.
 */
export async function workingDaysTaken(
  db: Kysely<DB>,
  props: { reportId: number; from: Date; to: Date },
  hours: OfficeHours = configuredOfficeHours(),
): Promise<number> {
  const [holidays, events] = await Promise.all([
    cachedHolidays(db),
    db
      .selectFrom('report_events')
      .select(['type', 'to_status', 'from_status', 'created_at'])
      .where('report_id', '=', props.reportId)
      .where('created_at', '>=', props.from)
      .where('created_at', '<=', props.to)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return round1(workingMinutesExcluding(events, props.from, props.to, ['needs_info'], holidays, hours) / dayMinutes(hours));
}

