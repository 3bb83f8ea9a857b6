import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { QUALITY_COUNTS, qualityCountsQuery } from '../metrics/quality.js';
import { monthRange } from '../metrics/summaries.js';
import { PASS_MONTHS } from './rebuildSummaries.js';

/**
 * The writer of the answer quality summaries (migration 0026; metrics/qualitySummaries.ts
 * says why a stale one is never read). The worker in rollup.ts calls rebuildDirtyQualityMonths
 * after the report summaries.
 */
const QUALITY_LOCK = 7_340_119; // any constant, the same in every process, not the report summaries' one

/** Writes one month's quality summary from its answers (inside the caller's transaction). */
export async function rebuildQualityMonth(trx: Kysely<DB>, month: string): Promise<void> {
  await sql`delete from dashboard_quality_counts where month = ${month}::date`.execute(trx);
  const columns = sql.join([...Object.keys(QUALITY_COUNTS), 'rating_sum'].map((c) => sql.ref(c)));
  await sql`
    insert into dashboard_quality_counts (month, key, ${columns})
    select ${month}::date, q.key, ${columns} from ${qualityCountsQuery(trx, monthRange(month)).as('q')}`.execute(trx);
  await sql`
    insert into dashboard_quality_months (month) values (${month}::date)
    on conflict (month) do update set built_at = now()`.execute(trx);
}

/**
 * Rebuilds the months whose answers changed, at most `limit` in one pass (oldest change
 * first), and returns them. One process at a time; a clash leaves the months dirty for the
 * next pass. Only the change rows this snapshot saw are deleted: later ones keep their months dirty.
 */
export async function rebuildDirtyQualityMonths(db: Kysely<DB>, limit = PASS_MONTHS): Promise<string[]> {
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${QUALITY_LOCK}) as ok`.execute(trx);
        if (!rows[0]?.ok) return [];
        const dirty = await sql<{ month: string }>`
          select to_char(month, 'YYYY-MM-DD') as month from dashboard_quality_changes group by month order by min(id) limit ${limit}`.execute(trx);
        const months = dirty.rows.map((d) => d.month);
        // The counts are one query per month over its answers; compiling it (JIT) costs more than it saves.
        if (months.length) await sql`set local jit = off`.execute(trx);
        for (const month of months) await rebuildQualityMonth(trx, month);
        if (months.length) await sql`delete from dashboard_quality_changes where month in (${sql.join(months.map((m) => sql`${m}::date`))})`.execute(trx);
        return months;
      });
  } catch (err) {
    if ((err as { code?: string }).code === '40001') return [];
    throw err;
  }
}
