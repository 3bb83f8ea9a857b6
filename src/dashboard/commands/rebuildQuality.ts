import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { QUALITY_COUNTS, qualityCountsQuery } from '../metrics/quality.js';
import { daysOf, firstKeptDay, RANGE_OF } from '../metrics/summaries.js';
import { PASS_MONTHS, unbuiltKeptMonths } from './rebuildSummaries.js';

/**
 * The writer of the answer quality summaries (migration 0026; metrics/qualitySummaries.ts
 * says why a stale one is never read). The worker in rollup.ts calls rebuildDirtyQualityMonths
 * after the report summaries.
 */
const QUALITY_LOCK = 7_340_119; // any constant, the same in every process, not the report summaries' one

const COLUMNS = [...Object.keys(QUALITY_COUNTS), 'rating_sum'];

/** Writes one day's or month's quality summary from its answers (inside the caller's transaction). */
async function buildFromAnswers(trx: Kysely<DB>, span: 'day' | 'month', start: string): Promise<void> {
  await sql`delete from dashboard_quality_counts where span = ${span} and month = ${start}::date`.execute(trx);
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`
    insert into dashboard_quality_counts (span, month, key, ${columns})
    select ${span}, ${start}::date, q.key, ${columns} from ${qualityCountsQuery(trx, RANGE_OF[span](start)).as('q')}`.execute(trx);
  await markBuilt(trx, span, start);
}

async function markBuilt(trx: Kysely<DB>, span: 'day' | 'month', start: string): Promise<void> {
  await sql`
    insert into dashboard_quality_months (span, month) values (${span}, ${start}::date)
    on conflict (span, month) do update set built_at = now()`.execute(trx);
}

/** Writes one month's quality summary from its answers (inside the caller's transaction). */
export const rebuildQualityMonth = (trx: Kysely<DB>, month: string) => buildFromAnswers(trx, 'month', month);

/**
 * A month whose days are kept (metrics/summaries.ts, DAY_MONTHS): its days that changed or
 * were never built are rebuilt from their answers, and the month is their sum. `named`: the
 * days its change rows name, null when one names the whole month.
 */
async function rebuildQualityMonthByDays(trx: Kysely<DB>, month: string, named: ReadonlySet<string> | null): Promise<void> {
  const days = daysOf(month);
  const { rows } = await sql<{ day: string }>`
    select to_char(month, 'YYYY-MM-DD') as day from dashboard_quality_months
    where span = 'day' and month >= ${days[0]!}::date and month <= ${days.at(-1)!}::date`.execute(trx);
  const built = new Set(rows.map((r) => r.day));
  for (const day of days) if (named === null || named.has(day) || !built.has(day)) await buildFromAnswers(trx, 'day', day);
  await sql`delete from dashboard_quality_counts where span = 'month' and month = ${month}::date`.execute(trx);
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`
    insert into dashboard_quality_counts (span, month, key, ${columns})
    select 'month', ${month}::date, key, ${sql.join(COLUMNS.map((c) => sql`sum(${sql.ref(c)})`))}
    from dashboard_quality_counts
    where span = 'day' and month >= ${days[0]!}::date and month <= ${days.at(-1)!}::date
    group by key`.execute(trx);
  await markBuilt(trx, 'month', month);
}

/** Deletes the day summaries older than the kept months (as the report summaries' pruneDays). */
async function pruneQualityDays(trx: Kysely<DB>, firstKept: string): Promise<void> {
  await sql`delete from dashboard_quality_counts where span = 'day' and month < ${firstKept}::date`.execute(trx);
  await sql`delete from dashboard_quality_months where span = 'day' and month < ${firstKept}::date`.execute(trx);
}

/**
 * Rebuilds the months whose answers changed, at most `limit` in one pass (oldest change
 * first), and returns them; a month whose days are kept from its changed days. One process
 * at a time; a clash leaves the months dirty for the next pass. Only the change rows this
 * snapshot saw are deleted: later ones keep their days dirty.
 */
export async function rebuildDirtyQualityMonths(db: Kysely<DB>, limit = PASS_MONTHS, now = new Date()): Promise<string[]> {
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${QUALITY_LOCK}) as ok`.execute(trx);
        if (!rows[0]?.ok) return [];
        const firstKept = firstKeptDay(now);
        await pruneQualityDays(trx, firstKept);
        const dirty = await sql<{ month: string }>`
          select to_char(month, 'YYYY-MM-DD') as month from dashboard_quality_changes group by month order by min(id) limit ${limit}`.execute(trx);
        const months = dirty.rows.map((d) => d.month);
        // Kept months with days never built (as the report summaries do).
        const unbuilt = await unbuiltKeptMonths(trx, 'dashboard_quality_months', firstKept, now);
        months.push(...unbuilt.filter((m) => !months.includes(m)).slice(0, Math.max(0, limit - months.length)));
        const byDays = months.filter((m) => m >= firstKept);
        const named = new Map<string, Set<string> | null>(byDays.map((m) => [m, new Set<string>()]));
        if (byDays.length) {
          const changed = await sql<{ month: string; day: string | null }>`
            select distinct to_char(month, 'YYYY-MM-DD') as month, to_char(day, 'YYYY-MM-DD') as day from dashboard_quality_changes
            where month in (${sql.join(byDays.map((m) => sql`${m}::date`))})`.execute(trx);
          for (const { month, day } of changed.rows) {
            if (day === null) named.set(month, null);
            else named.get(month)?.add(day);
          }
        }
        // The counts are one query per month or day over its answers; compiling it (JIT) costs more than it saves.
        if (months.length) await sql`set local jit = off`.execute(trx);
        for (const month of months) {
          if (named.has(month)) await rebuildQualityMonthByDays(trx, month, named.get(month)!);
          else await rebuildQualityMonth(trx, month);
        }
        if (months.length) await sql`delete from dashboard_quality_changes where month in (${sql.join(months.map((m) => sql`${m}::date`))})`.execute(trx);
        return months;
      });
  } catch (err) {
    if ((err as { code?: string }).code === '40001') return [];
    throw err;
  }
}
