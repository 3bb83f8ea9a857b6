import { type Kysely, sql } from 'kysely';

/**
 * The dashboard's monthly summaries (issue 9; src/dashboard/rollup.ts explains the scheme).
 *
 * - report_durations keeps working days to one decimal, the figure the tracking page and
 *   the portal show for a report (workingDaysTaken), so a report counts in the dashboard
 *   with the number the public sees, and a month's durations fit in a small histogram.
 * - dashboard_month_counts / dashboard_month_days: per month of submission (Asia/Jakarta)
 *   and per value of one dimension ('*' all, 'agency', 'category', 'kecamatan'), the
 *   counts and the histogram of durations. Built from reports + report_durations by the
 *   application, one month at a time; span 'year' rows (month = 1 January) add up the
 *   months of a year, so a year is a tenth of the rows to read.
 * - dashboard_months: the months (and years) whose summaries are built.
 * - dashboard_changes: one row per statement that changed a report's counted facts, naming
 *   its month, written by triggers so no code path can forget it. A month with a row here
 *   is read from the reports themselves until it is rebuilt; the rebuild deletes the rows
 *   it has seen, in its own snapshot, so a change it did not see keeps the month dirty.
 *   Plain inserts: writers never wait on each other for this.
 * - reports_open_idx: the reports still open, for the live counts of open and overdue.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table report_durations
      alter column first_response_days type numeric(8, 1) using round(first_response_days, 1),
      alter column answer_days type numeric(8, 1) using round(answer_days, 1)`.execute(db);

  await sql`create table dashboard_months (span text not null check (span in ('month', 'year')), month date not null, built_at timestamptz not null default now(), primary key (span, month))`.execute(db);
  await sql`create table dashboard_changes (id bigserial primary key, month date not null)`.execute(db);
  await sql`create index dashboard_changes_month_idx on dashboard_changes (month)`.execute(db);
  await sql`
    create table dashboard_month_counts (
      span                   text not null check (span in ('month', 'year')),
      dim                    text not null,
      month                  date not null,
      key                    text not null,
      received               integer not null,
      first_response         integer not null,
      responded_in_time      integer not null,
      answered               integer not null,
      answered_with_deadline integer not null,
      answered_in_time       integer not null,
      rated                  integer not null,
      rating_sum             integer not null,
      appealed               integer not null,
      reopened               integer not null,
      primary key (span, dim, month, key)
    )`.execute(db);
  await sql`
    create table dashboard_month_days (
      span    text not null check (span in ('month', 'year')),
      dim     text not null,
      month   date not null,
      key     text not null,
      measure text not null check (measure in ('first', 'answer')),
      days    numeric(8, 1) not null,
      reports integer not null,
      primary key (span, dim, month, key, measure, days) include (reports)
    )`.execute(db);

  // The month of a report, as every dashboard query counts it.
  await sql`
    create function dashboard_month(at timestamptz) returns date language sql immutable parallel safe
      as $$ select date_trunc('month', at at time zone 'Asia/Jakarta')::date $$`.execute(db);
  await sql`
    create function dashboard_reports_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from new_rows;
      elsif tg_op = 'DELETE' then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from old_rows;
      else
        -- Only the columns a figure reads; a report's other updates leave its month clean.
        insert into dashboard_changes (month)
        select distinct m from new_rows n join old_rows o on o.id = n.id,
          lateral (values (dashboard_month(n.submitted_at)), (dashboard_month(o.submitted_at))) v(m)
        where (n.submitted_at, n.status, n.assigned_agency_id, n.category_id, n.region_code, n.channel, n.rating)
          is distinct from (o.submitted_at, o.status, o.assigned_agency_id, o.category_id, o.region_code, o.channel, o.rating);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function dashboard_durations_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from old_rows;
      end if;
      return null;
    end $$`.execute(db);
  for (const [table, fn] of [['reports', 'dashboard_reports_changed'], ['report_durations', 'dashboard_durations_changed']] as const) {
    await sql.raw(`create trigger ${table}_dashboard_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`).execute(db);
    await sql.raw(`create trigger ${table}_dashboard_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`).execute(db);
    await sql.raw(`create trigger ${table}_dashboard_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`).execute(db);
  }
  // Every month that already has reports is built by the first rebuild.
  await sql`insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from reports`.execute(db);

  await sql`
    create index reports_open_idx on reports (submitted_at)
      include (assigned_agency_id, category_id, region_code, channel, status, verify_due_at, response_due_at)
      where status not in ('resolved', 'rejected', 'merged')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_open_idx`.execute(db);
  for (const table of ['reports', 'report_durations']) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_dashboard_${op} on ${table}`).execute(db);
  }
  await sql`drop function if exists dashboard_reports_changed()`.execute(db);
  await sql`drop function if exists dashboard_durations_changed()`.execute(db);
  await sql`drop function if exists dashboard_month(timestamptz)`.execute(db);
  await sql`drop table if exists dashboard_month_days`.execute(db);
  await sql`drop table if exists dashboard_month_counts`.execute(db);
  await sql`drop table if exists dashboard_changes`.execute(db);
  await sql`drop table if exists dashboard_months`.execute(db);
  await sql`
    alter table report_durations
      alter column first_response_days type numeric(8, 2),
      alter column answer_days type numeric(8, 2)`.execute(db);
}
