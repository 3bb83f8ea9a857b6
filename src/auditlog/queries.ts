import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditFilter } from './schema.js';

export const PAGE_SIZE = 50;

/**
 * Entries newest first, narrowed by the filter, a page at a time by id (keyset: the page
 * after a million entries costs what the first does). `report` is a normalised code.
 */
export async function listAudit(db: Db, filter: Omit<AuditFilter, 'report'> & { report?: string }) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.actor) {
    q = /^\d{1,9}$/.test(filter.actor)
      ? q.where('actor_user_id', '=', Number(filter.actor))
      : q.where('actor_name', 'ilike', `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.report) {
    const code = filter.report;
    // The report's own entries, and views of lists that showed it among others.
    q = q.where((eb) => eb.or([
      eb('report_code', '=', code),
      sql<boolean>`(details -> 'reports') @> jsonb_build_array(${code}::text)`,
    ]));
  }
  // Whole days in Jakarta time, the `to` day included.
  if (filter.from) q = q.where('at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'Asia/Jakarta'`);
  if (filter.to) q = q.where('at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Asia/Jakarta'`);
  if (filter.before) q = q.where('id', '<', filter.before);
  const rows = await q.orderBy('id', 'desc').limit(PAGE_SIZE + 1).execute();
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];
