import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Report } from '../db/schema.js';
import { addWorkingDays, jakartaDate } from './calendar.js';

export type Stage = 'verify' | 'respond' | 'resolve' | 'auto_close' | 'info_wait';

const COLUMN = {
  verify: 'verify_days',
  respond: 'respond_days',
  resolve: 'resolve_days',
  auto_close: 'auto_close_days',
  info_wait: 'info_wait_days',
} as const;

/** Days off from `from`'s Jakarta date on, as 'YYYY-MM-DD' strings. */
export async function loadHolidays(db: Db, from: Date): Promise<Set<string>> {
  const rows = await db.selectFrom('holidays').select('date').where('date', '>=', jakartaDate(from)).execute();
  return new Set(rows.map((r) => r.date));
}

/**
 * The SLA policy of a category, or the default policy for reports whose reporter did not
 * know the category ("tidak tahu").
 */
export async function policyFor(db: Db, categoryId: number | null) {
  const byCategory = categoryId
    ? await db
        .selectFrom('categories')
        .innerJoin('sla_policies', 'sla_policies.id', 'categories.sla_policy_id')
        .selectAll('sla_policies')
        .where('categories.id', '=', categoryId)
        .executeTakeFirst()
    : undefined;
  return (
    byCategory ??
    (await db
      .selectFrom('sla_policies')
      .selectAll()
      .orderBy(sql`code = 'default'`, 'desc')
      .orderBy('id')
      .executeTakeFirstOrThrow())
  );
}

/** When a stage that starts at `start` is due, in working days of the category's policy. */
export async function stageDueAt(db: Db, categoryId: number | null, stage: Stage, start: Date): Promise<Date> {
  const policy = await policyFor(db, categoryId);
  return addWorkingDays(start, policy[COLUMN[stage]], await loadHolidays(db, start));
}

/** The deadline of the stage a report is in now (what its people are waiting on). */
export function currentDue(report: Report): Date | null {
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
