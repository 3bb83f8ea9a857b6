import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB, ReportStatus } from '../db/schema.js';
import { dayMinutes, workingMinutesBetween } from '../sla/calendar.js';
import { cachedHolidays, configuredOfficeHours } from '../sla/deadlines.js';
import { countOf, type DashboardFilter, type Figure, nowOf, predicate, scope } from './metrics/scope.js';

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

const COUNTS = ['received', 'open', 'overdue', 'firstResponse', 'respondedInTime', 'answered', 'answeredWithDeadline', 'answeredInTime', 'rated', 'appealed', 'reopened'] as const satisfies readonly Figure[];

const round2 = (x: number | string | null): number | null => (x === null ? null : Math.round(Number(x) * 100) / 100);

/** One row of counts and statistics per value of `key` (an expression over r and d). */
async function aggregate(db: Kysely<DB>, filter: DashboardFilter, key: RawBuilder<unknown>): Promise<(Figures & { key: unknown })[]> {
  const rows = await scope(db, filter)
    .select((eb) => [
      key.as('key'),
      ...COUNTS.map((figure) => eb.fn.coalesce(countOf(figure, filter), sql<string>`0`).as(figure)),
      sql<string | null>`percentile_cont(0.5) within group (order by d.first_response_days)`.as('firstResponseMedian'),
      sql<string | null>`percentile_cont(0.9) within group (order by d.first_response_days)`.as('firstResponseP90'),
      sql<string | null>`percentile_cont(0.5) within group (order by d.answer_days)`.as('answerMedian'),
      sql<string | null>`percentile_cont(0.9) within group (order by d.answer_days)`.as('answerP90'),
      sql<string | null>`avg(r.rating)`.as('ratingAverage'),
    ])
    .groupBy(sql`1`)
    .execute();
  return rows.map((r) => {
    const counts = Object.fromEntries(COUNTS.map((c) => [c, Number(r[c])])) as Record<(typeof COUNTS)[number], number>;
    return {
      key: r.key,
      ...counts,
      answeredInTimeShare: counts.answeredWithDeadline ? counts.answeredInTime / counts.answeredWithDeadline : null,
      firstResponseMedian: round2(r.firstResponseMedian),
      firstResponseP90: round2(r.firstResponseP90),
      answerMedian: round2(r.answerMedian),
      answerP90: round2(r.answerP90),
      ratingAverage: round2(r.ratingAverage),
    };
  });
}

/** Per OPD (the report's current assigned agency): every figure of the dashboard's table. */
export async function agencyFigures(db: Kysely<DB>, filter: DashboardFilter): Promise<AgencyFigures[]> {
  const rows = await aggregate(db, filter, sql`r.assigned_agency_id`);
  const ids = rows.map((r) => r.key as number | null).filter((id): id is number => id !== null);
  const names = ids.length ? await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  return rows
    .map(({ key, ...figures }) => ({ agencyId: key as number | null, agencyName: key === null ? null : (nameOf.get(key as number) ?? null), ...figures }))
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
  const key = sql`to_char(date_trunc(${sql.lit(unit)}, r.submitted_at at time zone 'Asia/Jakarta'), 'YYYY-MM-DD')`;
  const rows = await aggregate(db, filter, key);
  return rows.map(({ key: k, ...f }) => ({ period: k as string, ...f })).sort((a, b) => a.period.localeCompare(b.period));
}

export interface BreakdownRow extends Figures {
  /** The category id or the kecamatan code; null: none given. */
  key: number | string | null;
  name: string | null;
}

/** The figures per category, or per kecamatan (a desa counts in its kecamatan). */
export async function breakdown(db: Kysely<DB>, filter: DashboardFilter, by: 'category' | 'kecamatan'): Promise<BreakdownRow[]> {
  const rows = await aggregate(db, filter, by === 'category' ? sql`r.category_id` : sql`left(r.region_code, 8)`);
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
