import type { ColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';

/** The last run of each background worker (migration 0019), for the admin's health page. */
export interface WorkerRunsTable {
  /** 'sla_sweeper'. */
  worker: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  ok: boolean;
  error: string | null;
  failed_at: NullableTimestamp;
  ok_at: NullableTimestamp;
  result: ColumnType<Record<string, unknown>, string | undefined, string | undefined>;
}
