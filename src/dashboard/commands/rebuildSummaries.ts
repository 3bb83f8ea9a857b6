import { type Kysely, sql } from 'kysely';
import type { DB, RollupDimension, RollupSpan } from '../../db/schema.js';
import { ROLLUP_KEYS } from '../metrics/groupings.js';
import { type DashboardFilter, predicate } from '../metrics/scope.js';
import { COUNT_COLUMNS, daysOf, firstKeptDay, monthRange, RANGE_OF, SUMMED } from '../metrics/summaries.js';
import { jakartaDate } from '../../shared/calendar.js';

/**
 * The writers of the dashboard's summaries (metrics/summaries.ts says what they hold and why
 * a stale one is never read). The worker in rollup.ts calls rebuildDirtyMonths.
 */

const DIMENSIONS = Object.keys(ROLLUP_KEYS) as RollupDimension[];
const ROLLUP_LOCK = 7_340_118; // any constant, the same in every process
/** Months rebuilt in one pass; a full pass means more are waiting. */
export const PASS_MONTHS = 24;

/**
 * Deletes the summary of one span. Every dimension named: the primary key (span, dim,
 * month, ...) then finds its rows, instead of reading every summary of the span (the
 * days', at a hundred thousand histogram rows, cost more than building the day).
 */
async function clear(trx: Kysely<DB>, span: RollupSpan, start: string): Promise<void> {
  for (const table of ['dashboard_month_counts', 'dashboard_month_days'] as const) {
    await trx.deleteFrom(table).where('span', '=', span).where('dim', 'in', DIMENSIONS).where('month', '=', start).execute();
  }
}

/** Writes one day's or month's summary from its reports (inside the caller's transaction). */
async function buildFromReports(trx: Kysely<DB>, span: 'day' | 'month', start: string): Promise<void> {
  const { from, to } = RANGE_OF[span](start);
  const range: DashboardFilter = { from, to };
  const keys = sql.join(DIMENSIONS.map((dim) => sql`(${dim}, ${ROLLUP_KEYS[dim]})`));
  await clear(trx, span, start);
  const counts = sql.join(SUMMED.map((f) => sql`count(*) filter (where ${predicate(f, range)})`));
  const columns = sql.join(SUMMED.map((f) => sql.ref(COUNT_COLUMNS[f])));
  await sql`
    insert into dashboard_month_counts (span, dim, month, key, ${columns}, rating_sum)
    select ${span}, k.dim, ${start}::date, k.key, ${counts}, coalesce(sum(r.rating), 0)
    from reports r
    left join report_durations d on d.report_id = r.id
    cross join lateral (values ${keys}) k(dim, key)
    where r.submitted_at >= ${from} and r.submitted_at < ${to} and r.status <> 'merged'
    group by k.dim, k.key`.execute(trx);
  await sql`
    insert into dashboard_month_days (span, dim, month, key, measure, days, reports)
    select ${span}, k.dim, ${start}::date, k.key, v.measure, v.days, count(*)
    from reports r
    join report_durations d on d.report_id = r.id
    cross join lateral (values ${keys}) k(dim, key)
    cross join lateral (values ('first', d.first_response_days), ('answer', d.answer_days)) v(measure, days)
    where r.submitted_at >= ${from} and r.submitted_at < ${to} and r.status <> 'merged' and v.days is not null
    group by k.dim, k.key, v.measure, v.days`.execute(trx);
  await markBuilt(trx, span, start);
}

/** Writes one month's summary from its reports (inside the caller's transaction). */
export const rebuildMonth = (trx: Kysely<DB>, month: string) => buildFromReports(trx, 'month', month);

/** Writes one day's summary ('YYYY-MM-DD') from its reports (inside the caller's transaction). */
export const rebuildDay = (trx: Kysely<DB>, day: string) => buildFromReports(trx, 'day', day);

/** Adds up the summaries of `part` lying in the `span` starting at `start` into its summary (after they are rebuilt). */
async function addUp(trx: Kysely<DB>, span: 'month' | 'year', start: string, part: 'day' | 'month'): Promise<void> {
  const { from, to } = RANGE_OF[span](start);
  const [first, next] = [jakartaDate(from), jakartaDate(to)];
  await clear(trx, span, start);
  const columns = sql.join([...SUMMED.map((f) => sql.ref(COUNT_COLUMNS[f])), sql.ref('rating_sum')]);
  const sums = sql.join([...SUMMED.map((f) => sql`sum(${sql.ref(COUNT_COLUMNS[f])})`), sql`sum(rating_sum)`]);
  await sql`
    insert into dashboard_month_counts (span, dim, month, key, ${columns})
    select ${span}, dim, ${start}::date, key, ${sums}
    from dashboard_month_counts
    where span = ${part} and dim in (${sql.join(DIMENSIONS)}) and month >= ${first}::date and month < ${next}::date
    group by dim, key`.execute(trx);
  await sql`
    insert into dashboard_month_days (span, dim, month, key, measure, days, reports)
    select ${span}, dim, ${start}::date, key, measure, days, sum(reports)
    from dashboard_month_days
    where span = ${part} and dim in (${sql.join(DIMENSIONS)}) and month >= ${first}::date and month < ${next}::date
    group by dim, key, measure, days`.execute(trx);
  await markBuilt(trx, span, start);
}

/** Adds up a year's month summaries into its year summary (after its months are rebuilt). */
export const rebuildYear = (trx: Kysely<DB>, year: string) => addUp(trx, 'year', `${year.slice(0, 4)}-01-01`, 'month');

async function markBuilt(trx: Kysely<DB>, span: RollupSpan, month: string): Promise<void> {
  await trx
    .insertInto('dashboard_months')
    .values({ span, month })
    .onConflict((oc) => oc.columns(['span', 'month']).doUpdateSet({ built_at: sql`now()` }))
    .execute();
}

/**
 * A month whose days are kept (metrics/summaries.ts, DAY_MONTHS): its days that changed or
 * were never built are rebuilt from their reports, and the month is their sum. `named` are
 * the days its change rows name, null when one names the whole month.
 */
async function rebuildMonthByDays(trx: Kysely<DB>, month: string, named: ReadonlySet<string> | null): Promise<void> {
  const days = daysOf(month);
  const built = new Set(
    (await trx.selectFrom('dashboard_months').select('month').where('span', '=', 'day').where('month', '>=', days[0]!).where('month', '<=', days.at(-1)!).execute()).map((r) => r.month),
  );
  for (const day of days) if (named === null || named.has(day) || !built.has(day)) await rebuildDay(trx, day);
  await addUp(trx, 'month', month, 'day');
}

/**
 * The kept months (from `firstKept` to the month of `now`) some of whose days have no
 * summary: one small read of dashboard_months (or dashboard_quality_months) per pass.
 */
export async function unbuiltKeptMonths(trx: Kysely<DB>, table: 'dashboard_months' | 'dashboard_quality_months', firstKept: string, now: Date): Promise<string[]> {
  const months: string[] = [];
  for (let m = firstKept; m <= jakartaDate(now); m = jakartaDate(monthRange(m).to)) months.push(m);
  const { rows } = await sql<{ month: string; n: string }>`
    select to_char(date_trunc('month', month::timestamp), 'YYYY-MM-DD') as month, count(*) as n
    from ${sql.table(table)} where span = 'day' and month >= ${firstKept}::date group by 1`.execute(trx);
  const built = new Map(rows.map((r) => [r.month, Number(r.n)]));
  return months.filter((m) => (built.get(m) ?? 0) < daysOf(m).length);
}

/**
 * Deletes the day summaries older than the kept months, and the change rows' promise with
 * them: a day not kept is read from its month (or the reports), never from a stale summary.
 */
async function pruneDays(trx: Kysely<DB>, firstKept: string): Promise<string[]> {
  // The few rows of dashboard_months first: the summary tables are only searched when there is something to delete.
  const old = (await trx.selectFrom('dashboard_months').select('month').where('span', '=', 'day').where('month', '<', firstKept).execute()).map((r) => r.month);
  if (old.length === 0) return [];
  for (const table of ['dashboard_month_counts', 'dashboard_month_days'] as const) {
    await trx.deleteFrom(table).where('span', '=', 'day').where('dim', 'in', DIMENSIONS).where('month', 'in', old).execute();
  }
  await trx.deleteFrom('dashboard_months').where('span', '=', 'day').where('month', 'in', old).execute();
  return old;
}

/**
 * Rebuilds the months that changed, at most `limit` in one pass (oldest change first), and
 * their years, and returns the months. A month whose days are kept (from firstKeptDay(now))
 * is rebuilt from its changed days; older day summaries are deleted. One process at a time
 * (an advisory lock); another pass running, or a clash with one that just finished, is not
 * an error: the months stay dirty for the next pass.
 */
export async function rebuildDirtyMonths(db: Kysely<DB>, limit = PASS_MONTHS, now = new Date()): Promise<string[]> {
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as ok`.execute(trx);
        if (!rows[0]?.ok) return [];
        const firstKept = firstKeptDay(now);
        await pruneDays(trx, firstKept);
        const dirty = await trx
          .selectFrom('dashboard_changes')
          .select('month')
          .groupBy('month')
          .orderBy(sql`min(id)`)
          .limit(limit)
          .execute();
        const months = dirty.map((d) => d.month);
        // A kept month not changed since its days were last pruned or never built (the days of
        // the months kept at an upgrade) has its missing days built too, with room in the pass.
        const unbuilt = await unbuiltKeptMonths(trx, 'dashboard_months', firstKept, now);
        months.push(...unbuilt.filter((m) => !months.includes(m)).slice(0, Math.max(0, limit - months.length)));
        const byDays = months.filter((m) => m >= firstKept);
        const named = new Map<string, Set<string> | null>(byDays.map((m) => [m, new Set<string>()]));
        if (byDays.length) {
          const changed = await trx.selectFrom('dashboard_changes').select(['month', 'day']).distinct().where('month', 'in', byDays).execute();
          for (const { month, day } of changed) {
            const days = named.get(month);
            if (day === null) named.set(month, null);
            else days?.add(day);
          }
        }
        for (const month of months) {
          if (named.has(month)) await rebuildMonthByDays(trx, month, named.get(month)!);
          else await rebuildMonth(trx, month);
        }
        for (const year of new Set(months.map((m) => m.slice(0, 4)))) await rebuildYear(trx, year);
        // Only the rows this snapshot saw: later changes keep their days dirty.
        if (months.length) await trx.deleteFrom('dashboard_changes').where('month', 'in', months).execute();
        return months;
      });
  } catch (err) {
    // A serialization failure (40001) changes what happens next, not only what is shown:
    // the clash with another pass leaves the months dirty for the next one.
    if ((err as { code?: string }).code === '40001') return [];
    throw err;
  }
}
