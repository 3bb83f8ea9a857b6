import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { QUALITY_COUNTS, type QualityCounts, qualityCountsQuery, type QualityFigures, qualityOf } from './quality.js';
import type { DashboardFilter } from './scope.js';
import { cleanDaysOf, summarisedSegments } from './summaries.js';
import { rawRanges } from './tally.js';

/**
 * Answer quality per OPD, read like the report figures (metrics/summaries.ts): whole months
 * of the period, then whole days of recent months, from their summaries
 * (dashboard_quality_counts, migrations 0026 and 0036) when built and unchanged since, the
 * rest from the answers themselves; the two added OPD by OPD. A summary is per day or month
 * of sending and per OPD, so only the OPD filter can use it; a category, kecamatan or
 * channel filter reads every answer.
 */
const COLUMNS = [...Object.keys(QUALITY_COUNTS), 'rating_sum'] as (keyof QualityCounts)[];

const zero = (): QualityCounts => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as QualityCounts;

/** Of `months` ('YYYY-MM-01'), those whose quality summary is built and unchanged since. */
export async function cleanQualityMonths(db: Kysely<DB>, months: readonly string[]): Promise<string[]> {
  if (months.length === 0) return [];
  const { rows } = await sql<{ month: string }>`
    select to_char(q.month, 'YYYY-MM-DD') as month from dashboard_quality_months q
    where q.span = 'month' and q.month in (${sql.join(months.map((m) => sql`${m}::date`))})
      and not exists (select 1 from dashboard_quality_changes c where c.month = q.month)`.execute(db);
  return rows.map((r) => r.month).sort();
}

/** Of `days` ('YYYY-MM-DD'), those whose quality summary is built and unchanged since (summaries.ts cleanDaysOf). */
export function cleanQualityDays(db: Kysely<DB>, days: readonly string[]): Promise<string[]> {
  return cleanDaysOf(db, { built: 'dashboard_quality_months', changes: 'dashboard_quality_changes' }, days);
}

/** Big periods of many answers make the planner compile the query (JIT), which costs more than it saves here. */
async function withoutJit<T>(db: Kysely<DB>, run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}

/** Per OPD that answered: the quality figures of the answers it sent in the period, by name. */
export async function qualityFigures(db: Kysely<DB>, filter: DashboardFilter): Promise<QualityFigures[]> {
  const summarisable = filter.categoryId === undefined && filter.kecamatan === undefined && filter.channel === undefined;
  const segments = summarisable
    ? await summarisedSegments(db, filter.from, filter.to, ['month', 'day'], (span, starts) => (span === 'day' ? cleanQualityDays(db, starts) : cleanQualityMonths(db, starts)))
    : [];
  const totals = new Map<string, QualityCounts>();
  const add = (row: Record<string, unknown>) => {
    const key = String(row.key);
    const t = totals.get(key) ?? totals.set(key, zero()).get(key)!;
    for (const c of COLUMNS) t[c] += Number(row[c]);
  };
  const key = filter.agencyId === undefined ? undefined : filter.agencyId === null ? '' : String(filter.agencyId);
  const [summarised, raw] = await Promise.all([
    segments.length
      ? sql<Record<string, string>>`
          select key, ${sql.join(COLUMNS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`))}
          from dashboard_quality_counts
          where (span, month) in (${sql.join(segments.map((s) => sql`(${s.span}, ${s.start}::date)`))}) ${key === undefined ? sql`` : sql`and key = ${key}`}
          group by key`.execute(db).then((r) => r.rows)
      : [],
    withoutJit(db, async (trx) => {
      const rows: Record<string, unknown>[] = [];
      for (const range of rawRanges(filter, segments)) rows.push(...(await qualityCountsQuery(trx, { ...filter, ...range }).execute()));
      return rows;
    }),
  ]);
  for (const row of [...summarised, ...raw]) add(row);
  const ids = [...totals.keys()].filter((k) => k !== '').map(Number);
  const names = ids.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  return [...totals]
    .filter(([, c]) => c.sent > 0)
    .map(([k, c]) => (k === '' ? qualityOf(null, null, c) : qualityOf(Number(k), nameOf.get(Number(k)) ?? null, c)))
    .sort((a, b) => (a.agencyName ?? '\uffff').localeCompare(b.agencyName ?? '\uffff', 'id') || (a.agencyId ?? 0) - (b.agencyId ?? 0));
}
