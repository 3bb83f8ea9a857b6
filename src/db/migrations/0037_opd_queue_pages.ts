import { type Kysely, sql } from 'kysely';

/**
 * The OPD queue in pages (/staf, src/triage/queries.ts opdQueue). It showed the 200 reports
 * with the earliest deadlines and nothing past them: at a million reports the busiest OPD
 * had 319 overdue reports, and 162 of them were on no page. Now it is paged by keyset, what
 * waits on the OPD first (assigned, in_progress, awaiting_approval: its deadline runs), then
 * what waits on the citizen (needs_info, answered), each by deadline, no deadline last.
 *
 * One index per group, in exactly that order, so any page is an index range read: the
 * deadline as coalesce(response_due_at, 'infinity') (a row without one sorts last and the
 * keyset compares it like any other). They replace reports_opd_queue_idx (0018), which
 * held both groups in one deadline order and which nothing else reads (the heads' count of
 * answers awaiting approval reads reports_agency_status_idx).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index reports_opd_waiting_idx on reports (assigned_agency_id, (coalesce(response_due_at, 'infinity'::timestamptz)), id)
      where status in ('assigned', 'in_progress', 'awaiting_approval')`.execute(db);
  await sql`
    create index reports_opd_citizen_idx on reports (assigned_agency_id, (coalesce(response_due_at, 'infinity'::timestamptz)), id)
      where status in ('needs_info', 'answered')`.execute(db);
  await sql`drop index if exists reports_opd_queue_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create index reports_opd_queue_idx on reports (assigned_agency_id, response_due_at, id)
      where status in ('assigned', 'in_progress', 'awaiting_approval', 'needs_info', 'answered')`.execute(db);
  await sql`drop index if exists reports_opd_citizen_idx`.execute(db);
  await sql`drop index if exists reports_opd_waiting_idx`.execute(db);
}
