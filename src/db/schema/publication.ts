import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.js';
import type { Channel, ReportKind } from './enums.js';

/** The public version of resolved cases, and Open311 clients (migration 0011). */

export type PublicationStatus = 'draft' | 'published' | 'declined';

export interface PublicationsTable {
  report_id: number;
  code: string;
  status: Generated<PublicationStatus>;
  title: string;
  body: string;
  answer: string;
  redactions: ColumnType<{ kind: string; count: number }[], string | undefined, string>;
  photo_ids: ColumnType<number[], number[] | undefined, number[]>;
  /** the coordinator's decisions on the redaction's findings (migration 0028) */
  kept_terms: ColumnType<string[], string[] | undefined, string[]>;
  removed_terms: ColumnType<string[], string[] | undefined, string[]>;
  agency_id: number | null;
  category_id: number | null;
  kecamatan_code: string | null;
  kind: ReportKind;
  channel: Channel;
  submitted_at: Timestamp;
  answered_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  answer_days: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decline_reason: string | null;
  published_at: NullableTimestamp;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  search_vector: ColumnType<string, never, never>;
}

export interface Open311ClientsTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  last_used_at: NullableTimestamp;
}

/** Numeric columns travel as strings (pg's default for numeric). */
