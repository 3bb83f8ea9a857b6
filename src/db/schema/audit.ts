import type { ColumnType } from 'kysely';
import type { Role } from './enums.js';

/** The audit log (migration 0015): append-only; the database refuses UPDATE, DELETE and TRUNCATE. */

/** Who acted: a staff role, the system (a sweeper, the command line), or nobody signed in. */
export type AuditActorRole = Role | 'system' | 'anonymous';

/** Insert and select only: there is no update type, because the database refuses updates. */
type Appended<T> = ColumnType<T, T | undefined, never>;

export interface AuditLogTable {
  id: ColumnType<number, never, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: Appended<number | null>;
  actor_name: Appended<string | null>;
  actor_role: ColumnType<AuditActorRole, AuditActorRole, never>;
  action: ColumnType<string, string, never>;
  report_id: Appended<number | null>;
  report_code: Appended<string | null>;
  target_type: Appended<string | null>;
  target_id: Appended<string | null>;
  ip: Appended<string | null>;
  user_agent: Appended<string | null>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}
