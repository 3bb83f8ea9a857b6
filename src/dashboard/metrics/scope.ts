import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Channel, DB } from '../../db/schema.js';
import { openSql, overdueSql } from '../../reports/statuses.js';

/**
 * What the dashboard counts: the reports submitted in [from, to) that match the filters,
 * each with its report_durations row (r and d below). Every figure is a predicate over these
 * rows (FIGURE_PREDICATES), used both to count (count(*) filter (where ...)) and to list the
 * reports behind the figure, so a number and its list can never disagree.
 */
export interface DashboardFilter {
  /** Start of the period (inclusive), an instant: pass Jakarta midnight for a date. */
  from: Date;
  /** End of the period (exclusive). */
  to: Date;
  /** One OPD (the report's current assigned_agency_id); null: reports not assigned yet. */
  agencyId?: number | null;
  categoryId?: number;
  /** A kecamatan code 'xx.xx.xx': reports in it or in one of its desa. */
  kecamatan?: string;
  channel?: Channel;
  /** "Now" for overdue (tests, reproducible reports); default: the clock. */
  now?: Date;
}

export function nowOf(filter: DashboardFilter): Date {
  return filter.now ?? new Date();
}

export type Scoped = ReturnType<typeof scope>;

export function scope(db: Kysely<DB>, filter: DashboardFilter) {
  return (
    filteredReports(db, filter)
      // Joined on (submitted_at, id) and bounded on both sides: two covering indexes read in
      // the same order, merged without hashing.
      .leftJoin('report_durations as d', (join) =>
        join
          .onRef('d.report_id', '=', 'r.id')
          .onRef('d.submitted_at', '=', 'r.submitted_at')
          .on('d.submitted_at', '>=', filter.from)
          .on('d.submitted_at', '<', filter.to),
      )
  );
}

/** The reports of the filter, without their durations (the live counts). */
export function filteredReports(db: Kysely<DB>, filter: DashboardFilter) {
  let q = db
    .selectFrom('reports as r')
    .where('r.submitted_at', '>=', filter.from)
    .where('r.submitted_at', '<', filter.to)
    // A merged report is a duplicate of another: counted once, as the report it joined.
    .where('r.status', '<>', 'merged');
  if (filter.agencyId === null) q = q.where('r.assigned_agency_id', 'is', null);
  else if (filter.agencyId !== undefined) q = q.where('r.assigned_agency_id', '=', filter.agencyId);
  if (filter.categoryId !== undefined) q = q.where('r.category_id', '=', filter.categoryId);
  if (filter.channel !== undefined) q = q.where('r.channel', '=', filter.channel);
  if (filter.kecamatan !== undefined) {
    const k = filter.kecamatan;
    q = q.where((eb) => eb.or([eb('r.region_code', '=', k), eb('r.region_code', 'like', `${k}.%`)]));
  }
  return q;
}

/** The figures that count reports; each has a predicate and a list (reportsBehind). */
export const FIGURES = [
  'received',
  'open',
  'overdue',
  'firstResponse',
  'respondedInTime',
  'answered',
  'answeredWithDeadline',
  'answeredInTime',
  'rated',
  'appealed',
  'reopened',
] as const;
export type Figure = (typeof FIGURES)[number];

export function predicate(figure: Figure, filter: DashboardFilter): RawBuilder<SqlBool> {
  const now = nowOf(filter);
  switch (figure) {
    case 'received':
      return sql<SqlBool>`true`;
    case 'open':
      // Still open now: the period's backlog (the same test as reports_open_idx).
      return openSql();
    case 'overdue':
      return overdueSql(now);
    case 'firstResponse':
      return sql<SqlBool>`d.first_response_days is not null`;
    case 'respondedInTime':
      return sql<SqlBool>`coalesce(d.responded_in_time, false)`;
    case 'answered':
      return sql<SqlBool>`d.answer_days is not null`;
    case 'answeredWithDeadline':
      return sql<SqlBool>`d.answered_in_time is not null`;
    case 'answeredInTime':
      return sql<SqlBool>`coalesce(d.answered_in_time, false)`;
    case 'rated':
      return sql<SqlBool>`r.rating is not null`;
    case 'appealed':
      return sql<SqlBool>`coalesce(d.appeal_count, 0) > 0`;
    case 'reopened':
      return sql<SqlBool>`coalesce(d.reopened_count, 0) > 0`;
  }
}
