import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** Erasures of reporters' personal data (migration 0016). */

export type ErasureCause = 'request' | 'retention';
export type ReporterLookupKind = 'email' | 'phone' | 'code';

export interface PersonalDataErasuresTable {
  id: Generated<number>;
  cause: ErasureCause;
  lookup_kind: ReporterLookupKind | null;
  reference: string | null;
  erased_by: number | null;
  /** bigint[]: pg gives the elements as strings. */
  report_ids: ColumnType<(string | number)[], number[] | undefined, number[]>;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  created_at: Timestamp;
}

export interface PersonalDataErasedReportsTable {
  report_id: number;
  erasure_id: number;
  erased_at: Timestamp;
}
