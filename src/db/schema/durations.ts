import type { Generated } from 'kysely';
import type { Numeric, NullableTimestamp, Timestamp } from './columns.js';

/** The dashboard's per-report durations (migration 0012). */


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
