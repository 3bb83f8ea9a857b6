import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.js';

/** Settings admins change at run time (migration 0009). */

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_by: number | null;
  updated_at: Generated<Timestamp>;
}
