import { type Kysely, sql } from 'kysely';
import type { DB, RollupSpan } from '../../db/schema.js';
import type { Figure } from './scope.js';

/**
 * Monthly summaries for the dashboard (issue 9: a year of a million reports in well under a
 * second). Every figure is over a cohort (reports submitted in the period), so each report
 * counts in one month only: its month of submission. A month's summary is the counts and the
 * histogram of durations (report_durations, one decimal) of that month's reports, per value
 * of one dimension (migration 0014).
 *
 * Correctness does not depend on the summaries being current:
 * - triggers on reports and report_durations add a dashboard_changes row naming the month
 *   of every change to a counted fact, in the changing transaction;
 * - a month is read from its summary only when it is built and has no change rows (here);
 *   every other day of the period is read from the reports themselves (metrics.ts);
 * - rebuildDirtyMonths() (commands/rebuildSummaries.ts) rebuilds dirty months in one
 *   REPEATABLE READ transaction and deletes the change rows its snapshot saw. A change
 *   committed after that snapshot keeps its row, so its month stays dirty until the next
 *   rebuild (the worker in rollup.ts runs it).
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

/** A stretch of the period read from one summary. */
export interface Segment {
  span: RollupSpan;
  /** 'YYYY-MM-01' (a year: 'YYYY-01-01'). */
  start: string;
  from: Date;
  to: Date;
}

const RANGE_OF: Record<RollupSpan, (start: string) => { from: Date; to: Date }> = { month: monthRange, year: yearRange };

/** The months (or years) lying wholly inside [from, to), in order, as 'YYYY-MM-01'. */
export function wholeSpans(span: RollupSpan, from: Date, to: Date): string[] {
  const jakarta = new Date(from.getTime() + 7 * 3_600_000);
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

/** Of the `starts` of `span`, those whose summary is built and unchanged since: safe to read. */
export async function cleanSpans(db: Kysely<DB>, span: RollupSpan, starts: readonly string[]): Promise<string[]> {
  if (starts.length === 0) return [];
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

/**
 * The parts of [from, to) to read from summaries: whole clean years (when `years`), then
 * whole clean months among the rest. Sorted; the rest of the period is read from reports.
 */
export async function summarisedSegments(db: Kysely<DB>, from: Date, to: Date, years: boolean): Promise<Segment[]> {
  const segments: Segment[] = [];
  const yearStarts = years ? await cleanSpans(db, 'year', wholeSpans('year', from, to)) : [];
  for (const start of yearStarts) segments.push({ span: 'year', start, ...yearRange(start) });
  const inYear = (month: string) => yearStarts.includes(`${month.slice(0, 4)}-01-01`);
  const monthStarts = await cleanSpans(db, 'month', wholeSpans('month', from, to).filter((m) => !inYear(m)));
  for (const start of monthStarts) segments.push({ span: 'month', start, ...monthRange(start) });
  return segments.sort((a, b) => a.from.getTime() - b.from.getTime());
}
