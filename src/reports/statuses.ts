import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Report, ReportStatus } from '../db/schema.js';
import { jakartaDate } from '../shared/calendar.js';

/**
 * The report's statuses in the groups every page, query, figure and job asks about
 * (DESIGN.md section 4), and the one overdue rule. Nothing else lists statuses by hand.
 */

/** Closed: nothing more happens to the report (Open311 "closed"). */
export const CLOSED_STATUSES = ['resolved', 'rejected', 'merged'] as const satisfies readonly ReportStatus[];

/** Open: everything else. */
export const OPEN_STATUSES = [
  'submitted', 'needs_info', 'assigned', 'in_progress', 'awaiting_approval', 'answered',
] as const satisfies readonly ReportStatus[];

/**
 * Waiting on the government: the statuses whose deadline is the government's to keep,
 * with that deadline's column. The dashboard's "overdue", the queues' overdue marks and
 * filters, and the tracking page all read this table.
 */
export const WAITING_ON_GOVERNMENT = {
  submitted: 'verify_due_at',
  assigned: 'response_due_at',
  in_progress: 'response_due_at',
  awaiting_approval: 'response_due_at',
} as const satisfies Partial<Record<ReportStatus, keyof Report>>;

/**
 * Waiting on the citizen: asked for details (needs_info), or holding an answer to accept,
 * reply to or appeal (answered). Time spent here is not the government's: the clocks
 * pause, and durations leave it out.
 */
export const WAITING_ON_CITIZEN = ['needs_info', 'answered'] as const satisfies readonly ReportStatus[];

/** Statuses an OPD's queue holds: forwarded to it and not closed. */
export const OPD_STATUSES = ['assigned', 'in_progress', 'awaiting_approval', 'needs_info', 'answered'] as const satisfies readonly ReportStatus[];

export function isClosed(status: ReportStatus): boolean {
  return (CLOSED_STATUSES as readonly ReportStatus[]).includes(status);
}

type DueColumns = Pick<Report, 'status' | 'verify_due_at' | 'response_due_at' | 'info_due_at' | 'close_due_at'>;

/** The deadline of the stage the report is in now (what its people are waiting on), if any. */
export function currentDue(report: DueColumns): Date | null {
  switch (report.status) {
    case 'submitted':
      return report.verify_due_at;
    case 'needs_info':
      return report.info_due_at;
    case 'assigned':
    case 'in_progress':
    case 'awaiting_approval':
      return report.response_due_at;
    case 'answered':
      return report.close_due_at;
    default:
      return null;
  }
}

/**
 * Overdue: waiting on the government and past the deadline of its current stage. A report
 * waiting on the citizen, or closed, is never overdue.
 */
export function isOverdue(report: Pick<Report, 'status' | 'verify_due_at' | 'response_due_at'>, now: Date = new Date()): boolean {
  const due = governmentDue(report);
  return due !== null && due < now;
}

/**
 * Due today: waiting on the government, not overdue yet, and its deadline falls on today's
 * date in Asia/Jakarta (the queues' "Hari ini").
 */
export function isDueToday(report: Pick<Report, 'status' | 'verify_due_at' | 'response_due_at'>, now: Date = new Date()): boolean {
  const due = governmentDue(report);
  return due !== null && due >= now && jakartaDate(due) === jakartaDate(now);
}

/** The deadline the government is held to in the report's current status, if it is waiting on the government. */
function governmentDue(report: Pick<Report, 'status' | 'verify_due_at' | 'response_due_at'>): Date | null {
  const column = WAITING_ON_GOVERNMENT[report.status as keyof typeof WAITING_ON_GOVERNMENT];
  return column ? report[column] : null;
}

// Literals, not parameters: the partial indexes (reports_open_idx, the queue indexes) are
// chosen only when the planner sees the statuses themselves.
const literals = (statuses: readonly string[]) => sql.join(statuses.map((s) => sql.lit(s)));

/** The same rule as isOverdue, as SQL over `reports as r`, for queues, filters and figures. */
export function overdueSql(now: Date | RawBuilder<Date> = sql<Date>`now()`): RawBuilder<SqlBool> {
  const byColumn = new Map<string, string[]>();
  for (const [status, column] of Object.entries(WAITING_ON_GOVERNMENT)) byColumn.set(column, [...(byColumn.get(column) ?? []), status]);
  const parts = [...byColumn].map(([column, statuses]) => sql`(r.status in (${literals(statuses)}) and ${sql.ref(`r.${column}`)} < ${now})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The deadline of the stage a report waiting on the government is in, as SQL over `reports as r`. */
export function governmentDueSql(): RawBuilder<Date> {
  const cases = Object.entries(WAITING_ON_GOVERNMENT).map(([status, column]) => sql`when ${sql.lit(status)} then ${sql.ref(`r.${column}`)}`);
  return sql<Date>`case r.status ${sql.join(cases, sql` `)} end`;
}

/** `r.status not in (closed)` as SQL: the open reports (the test of reports_open_idx). */
export function openSql(): RawBuilder<SqlBool> {
  return sql<SqlBool>`r.status not in (${literals(CLOSED_STATUSES)})`;
}
