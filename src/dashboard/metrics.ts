import type { Kysely } from 'kysely';
import type { DB, ReportStatus, RollupSpan } from '../db/schema.js';
import { cachedHolidays, configuredOfficeHours } from '../reports/deadlines.js';
import { governmentDueSql } from '../reports/statuses.js';
import { dayMinutes, workingMinutesBetween } from '../shared/calendar.js';
import type { AgencyFigures, Figures } from './metrics/figures.js';
import { type Grouping, GROUPINGS } from './metrics/groupings.js';
import { type DashboardFilter, type Figure, nowOf, predicate, scope } from './metrics/scope.js';
import { summarisedSegments } from './metrics/summaries.js';
import { figuresOf, fromReports, fromSummaries, live, newTally, rawRanges, type Tally } from './metrics/tally.js';

export { DEFINITIONS, type Definition } from './metrics/definitions.js';
export { type DashboardFilter, type Figure, FIGURES } from './metrics/scope.js';
export type { AgencyFigures, Figures } from './metrics/figures.js';
export { rankAgencies, type Ranking } from './metrics/ranking.js';
export { answersBehind, isQualityFigure, QUALITY_FIGURES, type QualityFigure, type QualityFigures } from './metrics/quality.js';
export { qualityFigures } from './metrics/qualitySummaries.js';



/**
 * One row of figures per key of `grouping`. The period is read from the summaries where it
 * can be (no filter but the period, a grouping a summary holds, whole years, months or days
 * that are built and unchanged: metrics/summaries.ts) and from the reports for the rest; the
 * two are added key by key. Open and overdue are always counted live. Medians and 90th percentiles are
 * taken from the merged histograms, as percentile_cont would over the reports.
 */
async function aggregate(db: Kysely<DB>, filter: DashboardFilter, grouping: Grouping): Promise<(Figures & { key: string })[]> {
  const unfiltered = filter.agencyId === undefined && filter.categoryId === undefined && filter.kecamatan === undefined && filter.channel === undefined;
  // The trend is keyed by month or week: a year's summary cannot give its months apart, nor a month's its weeks.
  const usable: RollupSpan[] = grouping.period === 'week' ? ['day'] : grouping.period === 'month' ? ['month', 'day'] : ['year', 'month', 'day'];
  const segments = unfiltered && grouping.rollup ? await summarisedSegments(db, filter.from, filter.to, usable) : [];
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string) => tallies.get(key) ?? tallies.set(key, newTally()).get(key)!;
  const spans = usable.map((span) => [span, segments.filter((s) => s.span === span).map((s) => s.start)] as const);
  await Promise.all([
    ...rawRanges(filter, segments).map((range) => fromReports(db, { ...filter, ...range }, grouping, tallyOf)),
    ...spans.map(([span, starts]) => (starts.length ? fromSummaries(db, span, starts, grouping, tallyOf) : undefined)),
    live(db, filter, grouping, tallyOf),
  ]);
  return [...tallies].map(([key, t]) => ({ key, ...figuresOf(t) }));
}
/** Per OPD (the report's current assigned agency): every figure of the dashboard's table. */
export async function agencyFigures(db: Kysely<DB>, filter: DashboardFilter): Promise<AgencyFigures[]> {
  const rows = (await aggregate(db, filter, GROUPINGS.agency)).map((r) => ({ ...r, key: r.key === '' ? null : Number(r.key) }));
  const ids = rows.map((r) => r.key).filter((id): id is number => id !== null);
  const names = ids.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  return rows
    .map(({ key, ...figures }) => ({ agencyId: key, agencyName: key === null ? null : (nameOf.get(key) ?? null), ...figures }))
    .sort((a, b) => (a.agencyName ?? '\uffff').localeCompare(b.agencyName ?? '\uffff', 'id') || (a.agencyId ?? 0) - (b.agencyId ?? 0));
}

/** Every report of the filter as one row: the overall figures, the median included. */
export async function totalFigures(db: Kysely<DB>, filter: DashboardFilter): Promise<Figures> {
  const [row] = await aggregate(db, filter, GROUPINGS.total);
  if (!row) return figuresOf(newTally());
  const { key: _key, ...figures } = row;
  return figures;
}

export interface TrendPoint extends Figures {
  /** First day of the week (Monday) or month, Asia/Jakarta, 'YYYY-MM-DD'. */
  period: string;
}

/** The figures per week (ISO, from Monday) or month of submission, Asia/Jakarta, in order. */
export async function trend(db: Kysely<DB>, filter: DashboardFilter, unit: 'week' | 'month'): Promise<TrendPoint[]> {
  const rows = await aggregate(db, filter, GROUPINGS[unit]);
  return rows.map(({ key, ...f }) => ({ period: key, ...f })).sort((a, b) => a.period.localeCompare(b.period));
}

export interface BreakdownRow extends Figures {
  /** The category id or the kecamatan code; null: none given. */
  key: number | string | null;
  name: string | null;
}

/** The figures per category, or per kecamatan (a desa counts in its kecamatan). */
export async function breakdown(db: Kysely<DB>, filter: DashboardFilter, by: 'category' | 'kecamatan'): Promise<BreakdownRow[]> {
  const rows = (await aggregate(db, filter, GROUPINGS[by])).map((r) => ({ ...r, key: r.key === '' ? null : by === 'category' ? Number(r.key) : r.key }));
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

export interface ChannelRow {
  channel: string;
  /** A staff-taken report's source (telephone, walk_in, ...); null for the other channels. */
  source: string | null;
  received: number;
}

/**
 * Reports received per channel, a staff-taken report's per source ("Laporan per kanal"):
 * the same aggregate as every table, from the summaries' channel dimension where it can.
 */
export async function channelBreakdown(db: Kysely<DB>, filter: DashboardFilter): Promise<ChannelRow[]> {
  const rows = await aggregate(db, filter, GROUPINGS.channel);
  return rows
    .filter((r) => r.received > 0)
    .map((r) => {
      const [channel, source] = r.key.split(':') as [string, string | undefined];
      return { channel, source: source ?? null, received: r.received };
    })
    .sort((a, b) => b.received - a.received || a.channel.localeCompare(b.channel) || (a.source ?? '').localeCompare(b.source ?? ''));
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
      governmentDueSql().as('due_at'),
    ])
    // Overdue reports are open: said outright, the planner reads only reports_open_idx.
    .where(predicate('open', filter))
    .where(predicate('overdue', filter))
    .orderBy(governmentDueSql())
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
