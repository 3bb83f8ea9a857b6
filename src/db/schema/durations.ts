import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Numeric, NullableTimestamp, Timestamp } from './columns.js';

/** The dashboard's per-report durations (migration 0012; one decimal since 0014). */
export interface ReportDurationsTable {
  report_id: number;
  submitted_at: Timestamp;
  first_response_days: Numeric;
  answer_days: Numeric;
  first_response_due_at: NullableTimestamp;
  answer_due_at: NullableTimestamp;
  responded_in_time: boolean | null;
  answered_in_time: boolean | null;
  reopened_count: Generated<number>;
  appeal_count: Generated<number>;
  computed_at: Timestamp;
}

/** The dashboard's monthly summaries (migration 0014; src/dashboard/rollup.ts). */
export type RollupDimension = '*' | 'agency' | 'category' | 'kecamatan' | 'channel';

/** A summary of one day (month = the day, migration 0036), one month, or a whole year (month = 'YYYY-01-01'). */
export type RollupSpan = 'day' | 'month' | 'year';

export interface DashboardMonthsTable {
  span: RollupSpan;
  /** 'YYYY-MM-01', the month of submission in Asia/Jakarta ('YYYY-MM-DD', the day, for span 'day'). */
  month: DateOnly;
  built_at: Generated<Date>;
}

export interface DashboardChangesTable {
  id: Generated<string>;
  month: DateOnly;
  /** The day of submission (Asia/Jakarta, migration 0036); null: every day of the month. */
  day: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DashboardMonthCountsTable {
  span: RollupSpan;
  dim: RollupDimension;
  month: DateOnly;
  /** The dimension's value as text ('' for none, and for dim '*'). */
  key: string;
  received: number;
  first_response: number;
  responded_in_time: number;
  answered: number;
  answered_with_deadline: number;
  answered_in_time: number;
  rated: number;
  rating_sum: number;
  appealed: number;
  reopened: number;
}

export interface DashboardMonthDaysTable {
  span: RollupSpan;
  dim: RollupDimension;
  month: DateOnly;
  key: string;
  measure: 'first' | 'answer';
  /** Working days, one decimal. */
  days: string;
  reports: number;
}
