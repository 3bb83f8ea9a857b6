import { type Kysely, sql } from 'kysely';
import type { DB, ReportStatus } from '../db/schema.js';
import { dayMinutes, workingMinutesBetween } from '../sla/calendar.js';
import { cachedHolidays, configuredOfficeHours } from '../sla/deadlines.js';
import { type DashboardFilter, type Figure, nowOf, predicate, scope } from './metrics/scope.js';
import { type Grouping, type GroupingName, GROUPINGS } from './metrics/groupings.js';
import { figuresOf, fromReports, fromSummaries, live, newTally, rawRanges, type Tally } from './metrics/tally.js';
import { summarisedSegments } from './rollup.js';

export { DEFINITIONS, type Definition } from './metrics/definitions.js';
export { type DashboardFilter, type Figure, FIGURES } from './metrics/scope.js';

/**
 * The dashboard's figures (issue 9), all over the reports submitted in the filter's period
 * (a cohort: a report counts in the period it came in, whatever happened to it since).
 * Durations and verdicts come from report_durations (durations.ts); counts of open and
 * overdue from the report's status and deadlines. DEFINITIONS says the same for readers.
 */
export interface Figures {
  received: number;
  open: number;
  overdue: number;
  /** Reports with a first answer sent, and how many of those were on time. */
  firstResponse: number;
  respondedInTime: number;
  /** Reports whose standing answer was sent; of those with a deadline, how many on time. */
  answered: number;
  answeredWithDeadline: number;
  answeredInTime: number;
  /** answeredInTime / answeredWithDeadline, 0..1; null when nothing was answered. */
  answeredInTimeShare: number | null;
  /** Working days, 2 decimals; null when no report has the duration. */
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  answerMedian: number | null;
  answerP90: number | null;
  rated: number;
  /** Mean of ratings 1-5, 2 decimals. */
  ratingAverage: number | null;
  appealed: number;
  reopened: number;
}

export interface AgencyFigures extends Figures {
  /** null: reports not assigned to an OPD yet (still with the coordinator, or rejected). */
  agencyId: number | null;
  agencyName: string | null;
}


type Rows = (Figures & { key: string })[];

/**
 * One row of figures per key of each grouping named, all from one pass: the period is read
 * from the summaries where it can be (no filter but the period, groupings a summary holds,
 * whole months or years that are built and unchanged: rollup.ts) and from the reports for
 * the rest, in one scan for every grouping; the two are added key by key. Open and overdue
 * are always counted live, in one scan. Medians and 90th percentiles are taken from the
 * merged histograms, as percentile_cont would over the reports.
 */
async function aggregate<N extends GroupingName>(db: Kysely<DB>, filter: DashboardFilter, names: readonly N[]): Promise<Record<N, Rows>> {
  const groupings = Object.fromEntries(names.map((n) => [n, GROUPINGS[n]])) as unknown as Record<N, Grouping>;
  const unfiltered = filter.agencyId === undefined && filter.categoryId === undefined && filter.kecamatan === undefined && filter.channel === undefined;
  const summarised = unfiltered && names.every((n) => GROUPINGS[n].rollup !== null);
  const segments = summarised ? await summarisedSegments(db, filter.from, filter.to, true) : [];
  const tallies = new Map<string, Map<string, Tally>>(names.map((n) => [n, new Map()]));
  const tallyOf = (name: string, key: string) => {
    const byKey = tallies.get(name)!;
    return byKey.get(key) ?? byKey.set(key, newTally()).get(key)!;
  };
  const years = segments.filter((s) => s.span === 'year').map((s) => s.start);
  const months = segments.filter((s) => s.span === 'month').map((s) => s.start);
  // The trend is keyed by month: a clean year is read as its months (all clean with it).
  const monthsOfYears = years.flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y.slice(0, 4)}-${String(i + 1).padStart(2, '0')}-01`));
  const reads = names.flatMap((n) => {
    const g = groupings[n];
    const one = (key: string) => tallyOf(n, key);
    if (g.rollup === '*') return [months.length + monthsOfYears.length ? fromSummaries(db, 'month', [...months, ...monthsOfYears], g, one) : undefined];
    return [years.length ? fromSummaries(db, 'year', years, g, one) : undefined, months.length ? fromSummaries(db, 'month', months, g, one) : undefined];
  });
  await Promise.all([
    ...rawRanges(filter, segments).map((range) => fromReports(db, { ...filter, ...range }, groupings, tallyOf)),
    ...reads,
    live(db, filter, groupings, tallyOf),
  ]);
  return Object.fromEntries(names.map((n) => [n, [...tallies.get(n)!].map(([key, t]) => ({ key, ...figuresOf(t) }))])) as Record<N, Rows>;
}

/** Everything /dasbor shows but the overdue list, from one pass over the period. */
export async function pageFigures(db: Kysely<DB>, filter: DashboardFilter, unit: 'week' | 'month') {
  const rows = await aggregate(db, filter, ['agency', unit, 'category', 'kecamatan']);
  const [agencies, categories, kecamatan] = await Promise.all([agencyRows(db, rows.agency), breakdownRows(db, 'category', rows.category), breakdownRows(db, 'kecamatan', rows.kecamatan)]);
  return { agencies, trend: trendRows(rows[unit]), categories, kecamatan };
}

/** Per OPD (the report's current assigned agency): every figure of the dashboard's table. */
export async function agencyFigures(db: Kysely<DB>, filter: DashboardFilter): Promise<AgencyFigures[]> {
  return agencyRows(db, (await aggregate(db, filter, ['agency'])).agency);
}

async function agencyRows(db: Kysely<DB>, grouped: Rows): Promise<AgencyFigures[]> {
  const rows = grouped.map((r) => ({ ...r, key: r.key === '' ? null : Number(r.key) }));
  const ids = rows.map((r) => r.key).filter((id): id is number => id !== null);
  const names = ids.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  return rows
    .map(({ key, ...figures }) => ({ agencyId: key, agencyName: key === null ? null : (nameOf.get(key) ?? null), ...figures }))
    .sort((a, b) => (a.agencyName ?? '\uffff').localeCompare(b.agencyName ?? '\uffff', 'id') || (a.agencyId ?? 0) - (b.agencyId ?? 0));
}

export interface Ranking {
  minCount: number;
  fastest: AgencyFigures[];
  slowest: AgencyFigures[];
}

/**
 * OPD ordered by median working days to answer, among those with at least `minCount`
 * answered reports in the period (fewer would make a median of chance). Ties: more answered
 * first, then by name. Pure, over rows agencyFigures returned.
 */
export function rankAgencies(rows: readonly AgencyFigures[], opts: { minCount?: number; limit?: number } = {}): Ranking {
  const minCount = opts.minCount ?? 5;
  const limit = opts.limit ?? 5;
  const eligible = rows.filter((r) => r.agencyId !== null && r.answered >= minCount && r.answerMedian !== null);
  const by = (dir: 1 | -1) => (a: AgencyFigures, b: AgencyFigures) =>
    dir * (a.answerMedian! - b.answerMedian!) || b.answered - a.answered || (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'id');
  return { minCount, fastest: [...eligible].sort(by(1)).slice(0, limit), slowest: [...eligible].sort(by(-1)).slice(0, limit) };
}

export async function ranking(db: Kysely<DB>, filter: DashboardFilter, opts: { minCount?: number; limit?: number } = {}): Promise<Ranking> {
  return rankAgencies(await agencyFigures(db, filter), opts);
}

export interface TrendPoint extends Figures {
  /** First day of the week (Monday) or month, Asia/Jakarta, 'YYYY-MM-DD'. */
  period: string;
}

/** The figures per week (ISO, from Monday) or month of submission, Asia/Jakarta, in order. */
export async function trend(db: Kysely<DB>, filter: DashboardFilter, unit: 'week' | 'month'): Promise<TrendPoint[]> {
  return trendRows((await aggregate(db, filter, [unit]))[unit]);
}

function trendRows(rows: Rows): TrendPoint[] {
  return rows.map(({ key, ...f }) => ({ period: key, ...f })).sort((a, b) => a.period.localeCompare(b.period));
}

export interface BreakdownRow extends Figures {
  /** The category id or the kecamatan code; null: none given. */
  key: number | string | null;
  name: string | null;
}

/** The figures per category, or per kecamatan (a desa counts in its kecamatan). */
export async function breakdown(db: Kysely<DB>, filter: DashboardFilter, by: 'category' | 'kecamatan'): Promise<BreakdownRow[]> {
  return breakdownRows(db, by, (await aggregate(db, filter, [by]))[by]);
}

async function breakdownRows(db: Kysely<DB>, by: 'category' | 'kecamatan', grouped: Rows): Promise<BreakdownRow[]> {
  const rows = grouped.map((r) => ({ ...r, key: r.key === '' ? null : by === 'category' ? Number(r.key) : r.key }));
  const keys = rows.map((r) => r.key).filter((k) => k !== null);
  const names =
    keys.length === 0
      ? []
      : by === 'category'
        ? await db.selectFrom('categories').select(['id as key', 'name']).where('id', 'in', keys as number[]).execute()
        : await db.selectFrom('regions').select(['code as key', 'name']).where('code', 'in', keys as string[]).execute();
  const nameOf = new Map<unknown, string>(names.map((n) => [n.key, n.name]));
  return rows
    .map((r) => ({ ...r, key: r.key as number | string | null, name: nameOf.get(r.key) ?? null }))
    .sort((a, b) => b.received - a.received || (a.name ?? '').localeCompare(b.name ?? '', 'id'));
}

export interface OverdueReport {
  id: number;
  trackingCode: string;
  title: string;
  status: ReportStatus;
  agencyId: number | null;
  agencyName: string | null;
  categoryName: string | null;
  submittedAt: Date;
  dueAt: Date;
  /** Working days past the deadline, 1 decimal. */
  daysOverdue: number;
}

/** The overdue reports of the filter (the 'overdue' figure), longest overdue first. */
export async function overdueList(db: Kysely<DB>, filter: DashboardFilter, limit = 50): Promise<OverdueReport[]> {
  const rows = await scope(db, filter)
    .leftJoin('agencies as a', 'a.id', 'r.assigned_agency_id')
    .leftJoin('categories as c', 'c.id', 'r.category_id')
    .select([
      'r.id', 'r.tracking_code', 'r.title', 'r.status', 'r.assigned_agency_id', 'a.name as agency_name', 'c.name as category_name', 'r.submitted_at',
      sql<Date>`case when r.status = 'submitted' then r.verify_due_at else r.response_due_at end`.as('due_at'),
    ])
    // Overdue reports are open: said outright, the planner reads only reports_open_idx.
    .where(predicate('open', filter))
    .where(predicate('overdue', filter))
    .orderBy(sql`case when r.status = 'submitted' then r.verify_due_at else r.response_due_at end`)
    .orderBy('r.id')
    .limit(limit)
    .execute();
  const [holidays, hours] = [await cachedHolidays(db), configuredOfficeHours()];
  const now = nowOf(filter);
  return rows.map((r) => ({
    id: r.id, trackingCode: r.tracking_code, title: r.title, status: r.status, agencyId: r.assigned_agency_id,
    agencyName: r.agency_name, categoryName: r.category_name, submittedAt: r.submitted_at, dueAt: r.due_at,
    daysOverdue: Math.round((workingMinutesBetween(r.due_at, now, holidays, hours) / dayMinutes(hours)) * 10) / 10,
  }));
}

/**
 * The reports a figure counts, as a query to page through (add .limit/.offset): the same
 * scope and predicate as the count. For the medians and 90th percentiles use the figure of
 * the reports they are taken over ('firstResponse', 'answered'); for the share answered on
 * time, 'answeredWithDeadline' (its reports) and 'answeredInTime' (those on time).
 * `agencyId`: one OPD, null for the unassigned row, undefined for all in the filter.
 */
export function reportsBehind(db: Kysely<DB>, filter: DashboardFilter, figure: Figure, agencyId?: number | null) {
  return scope(db, agencyId === undefined ? filter : { ...filter, agencyId })
    .select([
      'r.id', 'r.tracking_code', 'r.title', 'r.status', 'r.assigned_agency_id', 'r.category_id', 'r.region_code', 'r.channel',
      'r.submitted_at', 'r.first_response_at', 'r.answered_at', 'r.closed_at', 'r.rating',
      'd.first_response_days', 'd.answer_days', 'd.responded_in_time', 'd.answered_in_time', 'd.reopened_count', 'd.appeal_count',
    ])
    .where(predicate(figure, filter))
    .orderBy('r.submitted_at')
    .orderBy('r.id');
}
