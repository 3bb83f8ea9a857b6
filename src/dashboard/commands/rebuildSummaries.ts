import { type Kysely, sql } from 'kysely';
import type { DB, RollupDimension, RollupSpan } from '../../db/schema.js';
import { ROLLUP_KEYS } from '../metrics/groupings.js';
import { type DashboardFilter, predicate } from '../metrics/scope.js';
import { COUNT_COLUMNS, monthRange, SUMMED } from '../metrics/summaries.js';

/**
 * The writers of the dashboard's monthly summaries (metrics/summaries.ts says what they hold
 * and why a stale one is never read). The worker in rollup.ts calls rebuildDirtyMonths.
 */

const DIMENSIONS = Object.keys(ROLLUP_KEYS) as RollupDimension[];
const ROLLUP_LOCK = 7_340_118; // any constant, the same in every process
/** Months rebuilt in one pass; a full pass means more are waiting. */
export const PASS_MONTHS = 24;

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
    // A serialization failure (40001) changes what happens next, not only what is shown:
    // the clash with another pass leaves the months dirty for the next one.
    if ((err as { code?: string }).code === '40001') return [];
    throw err;
  }
}
