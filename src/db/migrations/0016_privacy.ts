import { type Kysely, sql } from 'kysely';

/**
 * Personal data protection (UU 27/2022, issue 11): a log of every erasure of a reporter's
 * personal data, by an admin on request or by the retention job, and the reports already
 * erased, so the job never works on a report twice and staff can see why a name is gone.
 *
 * The log holds no identity: not the e-mail or phone that was looked up (that is exactly
 * what was erased), only which reports were touched, how many rows, by whom and under
 * which request reference.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table personal_data_erasures (
      id           bigint generated always as identity primary key,
      -- request: an admin, on the reporter's request; retention: the periodic job.
      cause        text not null check (cause in ('request', 'retention')),
      -- How the admin found the reporter; never the value itself.
      lookup_kind  text check (lookup_kind in ('email', 'phone', 'code')),
      -- The request's reference as the admin typed it (a letter number, a ticket).
      reference    text check (length(reference) <= 200),
      erased_by    integer references users(id),
      report_ids   bigint[] not null default '{}',
      -- Rows changed per table, e.g. {"reports": 2, "inbound_mails": 1, "outbox": 3}.
      counts       jsonb not null default '{}'::jsonb,
      created_at   timestamptz not null default now(),
      check ((cause = 'request') = (erased_by is not null))
    )`.execute(db);
  await sql`create index personal_data_erasures_created_idx on personal_data_erasures (created_at desc)`.execute(db);
  await sql`
    create table personal_data_erased_reports (
      report_id   bigint primary key references reports(id) on delete cascade,
      erasure_id  bigint not null references personal_data_erasures(id),
      erased_at   timestamptz not null default now()
    )`.execute(db);
  // The retention job's scan: closed reports by the time they closed.
  await sql`create index reports_closed_at_idx on reports (closed_at) where closed_at is not null`.execute(db);
  // Its scans of old mail, in and out.
  await sql`create index inbound_mails_received_idx on inbound_mails (received_at) where full_text is not null or from_address is not null`.execute(db);
  await sql`create index outbox_created_done_idx on outbox (created_at) where status in ('sent', 'failed')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_created_done_idx`.execute(db);
  await sql`drop index if exists inbound_mails_received_idx`.execute(db);
  await sql`drop index if exists reports_closed_at_idx`.execute(db);
  await sql`drop table if exists personal_data_erased_reports`.execute(db);
  await sql`drop table if exists personal_data_erasures`.execute(db);
}
