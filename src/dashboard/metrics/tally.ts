import { type Kysely, sql } from 'kysely';
import type { DB, RollupSpan } from '../../db/schema.js';
import type { Figures } from './figures.js';
import type { Grouping } from './groupings.js';
import { type DashboardFilter, predicate, filteredReports, scope } from './scope.js';
import { COUNT_COLUMNS, type Segment, SUMMED, type Summed } from './summaries.js';

/**
 * The figures of one group while they are added up from several sources (the reports of
 * some days, the summaries of whole months, the live counts): counts, the sum of ratings,
 * and the histogram of each duration (working days with one decimal -> reports).
 */
export interface Tally {
  counts: Record<Summed | 'open' | 'overdue', number>;
  ratingSum: number;
  first: Map<number, number>;
  answer: Map<number, number>;
}

export function newTally(): Tally {
  const counts = Object.fromEntries([...SUMMED, 'open', 'overdue'].map((f) => [f, 0])) as Tally['counts'];
  return { counts, ratingSum: 0, first: new Map(), answer: new Map() };
}

/**
 * percentile_cont(p) over a histogram: the value at rank p*(n-1) counting from 0, linearly
 * interpolated between the two values around it; null when empty.
 */
export function percentileCont(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (i: number) => {
    let seen = 0;
    for (const [v, n] of values) {
      seen += n;
      if (i < seen) return v;
    }
    return values[values.length - 1]![0];
  };
  const lo = Math.floor(rank);
  const low = valueAt(lo);
  return lo === rank ? low : low + (rank - lo) * (valueAt(lo + 1) - low);
}

const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

export function figuresOf(t: Tally): Figures {
  const c = t.counts;
  return {
    ...c,
    answeredInTimeShare: c.answeredWithDeadline ? c.answeredInTime / c.answeredWithDeadline : null,
    firstResponseMedian: round2(percentileCont(t.first, 0.5)),
    firstResponseP90: round2(percentileCont(t.first, 0.9)),
    answerMedian: round2(percentileCont(t.answer, 0.5)),
    answerP90: round2(percentileCont(t.answer, 0.9)),
    ratingAverage: c.rated ? round2(t.ratingSum / c.rated) : null,
  };
}

const add = (histogram: Map<number, number>, days: number, n: number) => histogram.set(days, (histogram.get(days) ?? 0) + n);

/** The parts of the period not covered by `segments` (sorted, inside it). */
export function rawRanges(filter: DashboardFilter, segments: readonly Segment[]): { from: Date; to: Date }[] {
  const ranges: { from: Date; to: Date }[] = [];
  let at = filter.from;
  for (const { from, to } of segments) {
    if (from > at) ranges.push({ from: at, to: from });
    at = to;
  }
  if (at < filter.to) ranges.push({ from: at, to: filter.to });
  return ranges;
}

type TallyOf = (key: string) => Tally;

/** Counts and histograms of the reports in the filter (one scan, three grouping sets). */
export async function fromReports(db: Kysely<DB>, filter: DashboardFilter, grouping: Grouping, tallyOf: TallyOf): Promise<void> {
  const rows = await scope(db, filter)
    .select([
      grouping.key.as('key'),
      sql<number>`grouping(d.first_response_days, d.answer_days)`.as('set'),
      sql<string | null>`d.first_response_days`.as('first'),
      sql<string | null>`d.answer_days`.as('answer'),
      sql<string>`count(*)`.as('n'),
      ...SUMMED.map((f) => sql<string>`count(*) filter (where ${predicate(f, filter)})`.as(f)),
      sql<string>`coalesce(sum(r.rating), 0)`.as('ratingSum'),
    ])
    .groupBy(sql`grouping sets ((${grouping.key}), (${grouping.key}, d.first_response_days), (${grouping.key}, d.answer_days))`)
    .execute();
  for (const row of rows) {
    const t = tallyOf(row.key);
    // grouping(): bit 1 = first_response_days not grouped, bit 0 = answer_days not grouped.
    if (Number(row.set) === 3) {
      for (const f of SUMMED) t.counts[f] += Number(row[f]);
      t.ratingSum += Number(row.ratingSum);
    } else if (Number(row.set) === 1 && row.first !== null) add(t.first, Number(row.first), Number(row.n));
    else if (Number(row.set) === 2 && row.answer !== null) add(t.answer, Number(row.answer), Number(row.n));
  }
}

/** Counts and histograms of whole days, months or years from their summaries. */
export async function fromSummaries(db: Kysely<DB>, span: RollupSpan, starts: readonly string[], grouping: Grouping, tallyOf: TallyOf): Promise<void> {
  const dim = grouping.rollup!;
  // The trend reads the '*' summary per month or day, keyed by the month or week it falls
  // in (the summary's date, as timestamp: date_trunc of a date would use the session's
  // time zone); every other grouping by its key ('' for the total).
  const key = grouping.period ? sql<string>`to_char(date_trunc(${sql.lit(grouping.period)}, month::timestamp), 'YYYY-MM-DD')` : sql<string>`key`;
  const [counts, days] = await Promise.all([
    db
      .selectFrom('dashboard_month_counts')
      .select([key.as('key'), ...SUMMED.map((f) => sql<string>`sum(${sql.ref(COUNT_COLUMNS[f])})`.as(f)), sql<string>`sum(rating_sum)`.as('ratingSum')])
      .where('span', '=', span)
      .where('dim', '=', dim)
      .where('month', 'in', [...starts])
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('dashboard_month_days')
      .select([key.as('key'), 'measure', 'days', sql<string>`sum(reports)`.as('n')])
      .where('span', '=', span)
      .where('dim', '=', dim)
      .where('month', 'in', [...starts])
      .groupBy([sql`1`, 'measure', 'days'])
      .execute(),
  ]);
  for (const row of counts) {
    const t = tallyOf(row.key);
    for (const f of SUMMED) t.counts[f] += Number(row[f]);
    t.ratingSum += Number(row.ratingSum);
  }
  for (const row of days) add(tallyOf(row.key)[row.measure], Number(row.days), Number(row.n));
}

/** Open and overdue: the reports of the whole period still open now, counted as they are. */
export async function live(db: Kysely<DB>, filter: DashboardFilter, grouping: Grouping, tallyOf: TallyOf): Promise<void> {
  const rows = await filteredReports(db, filter)
    .select([grouping.key.as('key'), sql<string>`count(*)`.as('open'), sql<string>`count(*) filter (where ${predicate('overdue', filter)})`.as('overdue')])
    .where(predicate('open', filter))
    .groupBy(sql`1`)
    .execute();
  for (const row of rows) {
    const t = tallyOf(row.key);
    t.counts.open += Number(row.open);
    t.counts.overdue += Number(row.overdue);
  }
}
