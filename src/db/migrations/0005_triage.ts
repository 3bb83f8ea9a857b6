import { type Kysely, sql } from 'kysely';

/**
 * Triage: OPD that support the responsible one on a report (forwarded "with supporting
 * OPDs"), and an index for the coordinator's queue of returned reports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report_supporting_agencies (
      report_id  bigint not null references reports(id) on delete cascade,
      agency_id  integer not null references agencies(id),
      created_at timestamptz not null default now(),
      primary key (report_id, agency_id)
    )`.execute(db);
  await sql`create index report_supporting_agency_idx on report_supporting_agencies (agency_id)`.execute(db);
  // The coordinator's queue: waiting reports by deadline, with a stable order for paging.
  await sql`create index reports_verify_queue_idx on reports (verify_due_at, id) where status in ('submitted', 'needs_info')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_verify_queue_idx`.execute(db);
  await sql`drop table if exists report_supporting_agencies`.execute(db);
}
