import { type Kysely, sql } from 'kysely';

/**
 * Indexes found missing by the load benchmarks at 1,000,000 reports (issue 10; bench/load,
 * EXPLAIN ANALYZE with bench/load/explain.ts):
 *
 * - The duplicate guard (src/intake/duplicates.ts) runs on every submission and looks for
 *   the same text from the same e-mail OR phone. reporter_phone had no index, so the OR
 *   could not be answered from indexes and every submission read the whole reports table
 *   (a sequential scan of a million rows). With this one, a BitmapOr of the two.
 * - An OPD's queue (/staf, src/triage/queries.ts opdQueue) lists its open reports by
 *   deadline, 200 at most. reports_agency_status_idx has the status before the deadline,
 *   so five statuses meant reading and sorting every open report of the OPD; this partial
 *   index holds only the queue's statuses, in deadline order per OPD.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index reports_reporter_phone_idx on reports (reporter_phone) where reporter_phone is not null`.execute(db);
  // The statuses of OPD_STATUSES (src/triage/schema.ts).
  await sql`
    create index reports_opd_queue_idx on reports (assigned_agency_id, response_due_at, id)
      where status in ('assigned', 'in_progress', 'awaiting_approval', 'needs_info', 'answered')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_opd_queue_idx`.execute(db);
  await sql`drop index if exists reports_reporter_phone_idx`.execute(db);
}
