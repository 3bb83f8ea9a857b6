import { type Kysely, sql } from 'kysely';
import type { DB, RollupSpan } from '../../db/schema.js';
import type { Figure } from './scope.js';

/**
 * Monthly summaries for the dashboard (issue 9: a year of a million reports in well under a
 * second), and daily ones for recent months (issue 25: the default period, the last 30 days,
 * never holds a whole month). Every figure is over a cohort (reports submitted in the
 * period), so each report counts in one day, month and year only: those of its submission.
 * A summary is the counts and the histogram of durations (report_durations, one decimal) of
 * its span's reports, per value of one dimension (migration 0014; span 'day', 0036).
 *
 * Correctness does not depend on the summaries being current:
 * - triggers on reports and report_durations add a dashboard_changes row naming the day
 *   and month of every change to a counted fact, in the changing transaction (a row with no
 *   day stands for every day of its month);
 * - a span is read from its summary only when it is built and no change row falls in it
 *   (here); every other day of the period is read from the reports themselves (metrics.ts);
 * - rebuildDirtyMonths() (commands/rebuildSummaries.ts) rebuilds dirty months (and their
 *   dirty days) in one REPEATABLE READ transaction and deletes the change rows its snapshot
 *   saw. A change committed after that snapshot keeps its row, so its day stays dirty until
 *   the next rebuild (the worker in rollup.ts runs it).
 * Days are kept for the months of DAY_MONTHS only (older day summaries are deleted by the
 * rebuild); older periods are read from months and years.
 * Open and overdue are never summarised: they depend on the clock and are counted live.
 */

/** The counts a summary keeps; open and overdue are counted live (metrics.ts). */
export const SUMMED = ['received', 'firstResponse', 'respondedInTime', 'answered', 'answeredWithDeadline', 'answeredInTime', 'rated', 'appealed', 'reopened'] as const satisfies readonly Figure[];
export type Summed = (typeof SUMMED)[number];

/** Column of dashboard_month_counts for each summed figure. */
export const COUNT_COLUMNS = {
  received: 'received',
  firstResponse: 'first_response',
  respondedInTime: 'responded_in_time',
  answered: 'answered',
  answeredWithDeadline: 'answered_with_deadline',
  answeredInTime: 'answered_in_time',
  rated: 'rated',
  appealed: 'appealed',
  reopened: 'reopened',
} as const satisfies Record<Summed, string>;

/** Jakarta midnight of the first day of a month 'YYYY-MM-01', and of the next month. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: new Date(`${month}T00:00:00+07:00`), to: new Date(`${next}T00:00:00+07:00`) };
}

/** The span of a year's summary: Jakarta 1 January to the next. */
export function yearRange(year: string): { from: Date; to: Date } {
  const y = Number(year.slice(0, 4));
  return { from: new Date(`${y}-01-01T00:00:00+07:00`), to: new Date(`${y + 1}-01-01T00:00:00+07:00`) };
}

/** The span of a day's summary: Jakarta midnight of 'YYYY-MM-DD' to the next (Jakarta keeps no summer time). */
export function dayRange(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+07:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/**
 * Day summaries are kept for this month and the two before (Asia/Jakarta): at least the
 * last 59 days, so the default period (the last 30 days) and the one it is compared with
 * (the 30 before) are read from days whatever the date.
 */
export const DAY_MONTHS = 3;

/** The first day ('YYYY-MM-01') of the oldest month whose days are kept at `now`. */
export function firstKeptDay(now: Date): string {
  const jakarta = new Date(now.getTime() + 7 * 3_600_000);
  const first = new Date(Date.UTC(jakarta.getUTCFullYear(), jakarta.getUTCMonth() - (DAY_MONTHS - 1), 1));
  return first.toISOString().slice(0, 10);
}

/** The days ('YYYY-MM-DD') of the month 'YYYY-MM-01'. */
export function daysOf(month: string): string[] {
  const { from, to } = monthRange(month);
  const days: string[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += 86_400_000) days.push(new Date(at + 7 * 3_600_000).toISOString().slice(0, 10));
  return days;
}

/** A stretch of the period read from one summary. */
export interface Segment {
  span: RollupSpan;
  /** 'YYYY-MM-01' (a year: 'YYYY-01-01'; a day: 'YYYY-MM-DD'). */
  start: string;
  from: Date;
  to: Date;
}

export const RANGE_OF: Record<RollupSpan, (start: string) => { from: Date; to: Date }> = { day: dayRange, month: monthRange, year: yearRange };

/** The days, months or years lying wholly inside [from, to), in order, as 'YYYY-MM-DD'. */
export function wholeSpans(span: RollupSpan, from: Date, to: Date): string[] {
  const jakarta = new Date(from.getTime() + 7 * 3_600_000);
  if (span === 'day') {
    const starts: string[] = [];
    // Jakarta midnight on or after `from`.
    let at = Date.UTC(jakarta.getUTCFullYear(), jakarta.getUTCMonth(), jakarta.getUTCDate()) - 7 * 3_600_000;
    if (at < from.getTime()) at += 86_400_000;
    for (; at + 86_400_000 <= to.getTime(); at += 86_400_000) starts.push(new Date(at + 7 * 3_600_000).toISOString().slice(0, 10));
    return starts;
  }
  let y = jakarta.getUTCFullYear();
  let m = span === 'year' ? 1 : jakarta.getUTCMonth() + 1;
  const starts: string[] = [];
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    const range = RANGE_OF[span](start);
    if (range.to > to) return starts;
    if (range.from >= from) starts.push(start);
    if (span === 'year') y++;
    else [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/**
 * Of `days` ('YYYY-MM-DD'), those whose summary is built (a 'day' row in `built`) and
 * unchanged since. A day is dirty by a change row naming it, or one naming its whole month
 * (no day). The one rule for the report summaries and the answer quality ones (qualitySummaries.ts).
 */
export async function cleanDaysOf(
  db: Kysely<DB>,
  tables: { built: 'dashboard_months' | 'dashboard_quality_months'; changes: 'dashboard_changes' | 'dashboard_quality_changes' },
  days: readonly string[],
): Promise<string[]> {
  if (days.length === 0) return [];
  const built = sql.table(tables.built);
  const changes = sql.table(tables.changes);
  const { rows } = await sql<{ day: string }>`
    select to_char(m.month, 'YYYY-MM-DD') as day from ${built} m
    where m.span = 'day' and m.month in (${sql.join(days.map((d) => sql`${d}::date`))})
      and not exists (select 1 from ${changes} c where c.day = m.month)
      and not exists (select 1 from ${changes} c where c.day is null and c.month = date_trunc('month', m.month::timestamp)::date)`.execute(db);
  return rows.map((r) => r.day).sort();
}

/** Of the `starts` of `span`, those whose summary is built and unchanged since: safe to read. */
export async function cleanSpans(db: Kysely<DB>, span: RollupSpan, starts: readonly string[]): Promise<string[]> {
  if (starts.length === 0) return [];
  if (span === 'day') return cleanDaysOf(db, { built: 'dashboard_months', changes: 'dashboard_changes' }, starts);
  // A change row names a month; it makes its month and its year dirty.
  const end = span === 'year' ? sql<string>`(m.month + interval '1 year')::date` : sql<string>`(m.month + interval '1 month')::date`;
  const rows = await db
    .selectFrom('dashboard_months as m')
    .select('m.month')
    .where('m.span', '=', span)
    .where('m.month', 'in', [...starts])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('dashboard_changes as c').select('c.id').where('c.month', '>=', eb.ref('m.month')).where('c.month', '<', end))),
    )
    .execute();
  return rows.map((r) => r.month).sort();
}

export const cleanMonths = (db: Kysely<DB>, months: readonly string[]) => cleanSpans(db, 'month', months);
export const cleanDays = (db: Kysely<DB>, days: readonly string[]) => cleanSpans(db, 'day', days);

/**
 * The parts of [from, to) to read from summaries: whole clean years, then whole clean months
 * among the rest, then whole clean days among what is left, of the `spans` the caller can
 * use (a trend by month cannot use years, one by week only days). Sorted; the rest of the
 * period is read from reports. `clean` says which starts of a span are safe to read.
 */
export async function summarisedSegments(
  db: Kysely<DB>,
  from: Date,
  to: Date,
  spans: readonly RollupSpan[],
  clean: (span: RollupSpan, starts: readonly string[]) => Promise<string[]> = (span, starts) => cleanSpans(db, span, starts),
): Promise<Segment[]> {
  const segments: Segment[] = [];
  const covered = (range: { from: Date; to: Date }) => segments.some((s) => s.from <= range.from && range.to <= s.to);
  for (const span of ['year', 'month', 'day'] as const) {
    if (!spans.includes(span)) continue;
    const starts = await clean(span, wholeSpans(span, from, to).filter((start) => !covered(RANGE_OF[span](start))));
    for (const start of starts) segments.push({ span, start, ...RANGE_OF[span](start) });
  }
  return segments.sort((a, b) => a.from.getTime() - b.from.getTime());
}
