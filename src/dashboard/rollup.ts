import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { DB, RollupDimension, RollupSpan } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { ROLLUP_KEYS } from './metrics/groupings.js';
import { type DashboardFilter, type Figure, predicate } from './metrics/scope.js';

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
 * - a month is read from its summary only when it is built and has no change rows; every
 *   other day of the period is read from the reports themselves (metrics.ts);
 * - rebuildDirtyMonths() rebuilds dirty months in one REPEATABLE READ transaction and
 *   deletes the change rows its snapshot saw. A change committed after that snapshot keeps
 *   its row, so its month stays dirty until the next rebuild.
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

const DIMENSIONS = Object.keys(ROLLUP_KEYS) as RollupDimension[];
const ROLLUP_LOCK = 7_340_118; // any constant, the same in every process
/** Months rebuilt in one pass; a full pass means more are waiting. */
const PASS_MONTHS = 24;

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

/** Writes one month's summary from its reports (inside the caller's transaction). */
export async function rebuildMonth(trx: Kysely<DB>, month: string): Promise<void> {
  const { from, to } = monthRange(month);
  const range: DashboardFilter = { from, to };
  const keys = sql.join(DIMENSIONS.map((dim) => sql`(${dim}, ${ROLLUP_KEYS[dim]})`));
  await trx.deleteFrom('dashboard_month_counts').where('span', '=', 'month').where('month', '=', month).execute();
  await trx.deleteFrom('dashboard_month_days').where('span', '=', 'month').where('month', '=', month).execute();
  const counts = sql.join(SUMMED.map((f) => sql`count(*) filter (where ${predicate(f, range)})`));
  const columns = sql.join(SUMMED.map((f) => sql.ref(COUNT_COLUMNS[f])));
  await sql`
    insert into dashboard_month_counts (span, dim, month, key, ${columns}, rating_sum)
    select 'month', k.dim, ${month}::date, k.key, ${counts}, coalesce(sum(r.rating), 0)
    from reports r
    left join report_durations d on d.report_id = r.id
    cross join lateral (values ${keys}) k(dim, key)
    where r.submitted_at >= ${from} and r.submitted_at < ${to} and r.status <> 'merged'
    group by k.dim, k.key`.execute(trx);
  await sql`
    insert into dashboard_month_days (span, dim, month, key, measure, days, reports)
    select 'month', k.dim, ${month}::date, k.key, v.measure, v.days, count(*)
    from reports r
    join report_durations d on d.report_id = r.id
    cross join lateral (values ${keys}) k(dim, key)
    cross join lateral (values ('first', d.first_response_days), ('answer', d.answer_days)) v(measure, days)
    where r.submitted_at >= ${from} and r.submitted_at < ${to} and r.status <> 'merged' and v.days is not null
    group by k.dim, k.key, v.measure, v.days`.execute(trx);
  await markBuilt(trx, 'month', month);
}

/** Adds up a year's month summaries into its year summary (after its months are rebuilt). */
export async function rebuildYear(trx: Kysely<DB>, year: string): Promise<void> {
  const start = `${year.slice(0, 4)}-01-01`;
  const [first, next] = [start, `${Number(year.slice(0, 4)) + 1}-01-01`];
  await trx.deleteFrom('dashboard_month_counts').where('span', '=', 'year').where('month', '=', start).execute();
  await trx.deleteFrom('dashboard_month_days').where('span', '=', 'year').where('month', '=', start).execute();
  const columns = sql.join([...SUMMED.map((f) => sql.ref(COUNT_COLUMNS[f])), sql.ref('rating_sum')]);
  const sums = sql.join([...SUMMED.map((f) => sql`sum(${sql.ref(COUNT_COLUMNS[f])})`), sql`sum(rating_sum)`]);
  await sql`
    insert into dashboard_month_counts (span, dim, month, key, ${columns})
    select 'year', dim, ${start}::date, key, ${sums}
    from dashboard_month_counts
    where span = 'month' and month >= ${first}::date and month < ${next}::date
    group by dim, key`.execute(trx);
  await sql`
    insert into dashboard_month_days (span, dim, month, key, measure, days, reports)
    select 'year', dim, ${start}::date, key, measure, days, sum(reports)
    from dashboard_month_days
    where span = 'month' and month >= ${first}::date and month < ${next}::date
    group by dim, key, measure, days`.execute(trx);
  await markBuilt(trx, 'year', start);
}

async function markBuilt(trx: Kysely<DB>, span: RollupSpan, month: string): Promise<void> {
  await trx
    .insertInto('dashboard_months')
    .values({ span, month })
    .onConflict((oc) => oc.columns(['span', 'month']).doUpdateSet({ built_at: sql`now()` }))
    .execute();
}

/**
 * Rebuilds the months that changed, at most `limit` in one pass (oldest change first), and
 * their years, and returns the months. One process at a time (an advisory lock); another pass running, or a clash
 * with one that just finished, is not an error: the months stay dirty for the next pass.
 */
export async function rebuildDirtyMonths(db: Kysely<DB>, limit = PASS_MONTHS): Promise<string[]> {
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as ok`.execute(trx);
        if (!rows[0]?.ok) return [];
        const dirty = await trx
          .selectFrom('dashboard_changes')
          .select('month')
          .groupBy('month')
          .orderBy(sql`min(id)`)
          .limit(limit)
          .execute();
        const months = dirty.map((d) => d.month);
        for (const month of months) await rebuildMonth(trx, month);
        for (const year of new Set(months.map((m) => m.slice(0, 4)))) await rebuildYear(trx, year);
        // Only the rows this snapshot saw: later changes keep their months dirty.
        if (months.length) await trx.deleteFrom('dashboard_changes').where('month', 'in', months).execute();
        return months;
      });
  } catch (err) {
    if ((err as { code?: string }).code === '40001') return [];
    throw err;
  }
}

export interface RollupWorker {
  stop(): Promise<void>;
}

/** Rebuilds dirty months every `everyMs`, and again at once while a pass was full. */
export function startRollupWorker({ db, everyMs, logger }: { db: Db; everyMs: number; logger: Logger }): RollupWorker {
  const log = logger.child({ component: 'dashboard' });
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = rebuildDirtyMonths(db)
      .then((months) => {
        if (months.length) log.debug({ months }, 'dashboard summaries rebuilt');
        return months.length >= PASS_MONTHS;
      })
      .catch((err) => {
        log.error({ err }, 'dashboard summaries: rebuild failed');
        return false;
      })
      .then((more) => {
        if (!stopping) timer = setTimeout(tick, more ? 0 : everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
