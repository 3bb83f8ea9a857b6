import { type Kysely, sql } from 'kysely';

/**
 * Per-day dashboard summaries (issue 25): the default period of /dasbor, the last 30 days,
 * never holds a whole month, so before this every figure of it (and of the 30 days before,
 * the comparison) was read from the reports and answers themselves, 3.2–4.7 s cold at a
 * million reports. Now the days of recent months are summarised too
 * (src/dashboard/metrics/summaries.ts says which and how they are read):
 *
 * - span 'day' next to 'month' and 'year' in dashboard_months, dashboard_month_counts and
 *   dashboard_month_days (month = the day); the answer quality summaries (0026) gain the
 *   same span column, their rows so far being months.
 * - dashboard_changes and dashboard_quality_changes name the day of the change as well as
 *   its month, so a change makes only its day dirty (and its month and year, as before).
 *   A row with no day (written before this, or by a migration marking whole months) makes
 *   every day of its month dirty.
 * - The triggers of 0014 and 0026 are replaced to write the day.
 * - The months whose days are kept (this one and the two before) are marked changed, so
 *   the worker builds their days.
 */
const SPAN_TABLES = ['dashboard_months', 'dashboard_month_counts', 'dashboard_month_days'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of SPAN_TABLES) {
    await sql.raw(`alter table ${table} drop constraint ${table}_span_check, add constraint ${table}_span_check check (span in ('day', 'month', 'year'))`).execute(db);
  }
  await sql`alter table dashboard_quality_months add column span text not null default 'month' check (span in ('day', 'month'))`.execute(db);
  await sql`alter table dashboard_quality_months drop constraint dashboard_quality_months_pkey, add primary key (span, month)`.execute(db);
  await sql`alter table dashboard_quality_counts add column span text not null default 'month' check (span in ('day', 'month'))`.execute(db);
  await sql`alter table dashboard_quality_counts drop constraint dashboard_quality_counts_pkey, add primary key (span, month, key)`.execute(db);

  // day: the day of submission (of sending, for answers) in Asia/Jakarta; null: the whole month.
  for (const table of ['dashboard_changes', 'dashboard_quality_changes']) {
    await sql.raw(`alter table ${table} add column day date`).execute(db);
    // Whether a day is clean: a row naming it, or a row naming its whole month.
    await sql.raw(`create index ${table}_day_idx on ${table} (day)`).execute(db);
    await sql.raw(`create index ${table}_whole_month_idx on ${table} (month) where day is null`).execute(db);
  }

  await sql`
    create function dashboard_day(at timestamptz) returns date language sql immutable parallel safe
      as $$ select (at at time zone 'Asia/Jakarta')::date $$`.execute(db);

  await sql`
    create or replace function dashboard_reports_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dashboard_changes (month, day) select distinct dashboard_month(submitted_at), dashboard_day(submitted_at) from new_rows;
      elsif tg_op = 'DELETE' then
        insert into dashboard_changes (month, day) select distinct dashboard_month(submitted_at), dashboard_day(submitted_at) from old_rows;
      else
        -- Only the columns a figure reads; a report's other updates leave its day clean.
        insert into dashboard_changes (month, day)
        select distinct dashboard_month(v.at), dashboard_day(v.at) from new_rows n join old_rows o on o.id = n.id,
          lateral (values (n.submitted_at), (o.submitted_at)) v(at)
        where (n.submitted_at, n.status, n.assigned_agency_id, n.category_id, n.region_code, n.channel, n.staff_source, n.rating)
          is distinct from (o.submitted_at, o.status, o.assigned_agency_id, o.category_id, o.region_code, o.channel, o.staff_source, o.rating);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function dashboard_durations_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into dashboard_changes (month, day) select distinct dashboard_month(submitted_at), dashboard_day(submitted_at) from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into dashboard_changes (month, day) select distinct dashboard_month(submitted_at), dashboard_day(submitted_at) from old_rows;
      end if;
      return null;
    end $$`.execute(db);

  await sql`
    create or replace function dashboard_quality_mark_reports(report_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month, day)
      select distinct dashboard_month(m.sent_at), dashboard_day(m.sent_at) from messages m
      where m.report_id = any(report_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);
  await sql`
    create or replace function dashboard_quality_mark_messages(message_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month, day)
      select distinct dashboard_month(m.sent_at), dashboard_day(m.sent_at) from messages m
      where m.id = any(message_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);
  await sql`
    create or replace function dashboard_quality_messages_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dashboard_quality_changes (month, day)
        select distinct dashboard_month(n.sent_at), dashboard_day(n.sent_at) from new_rows n where n.kind = 'answer' and n.sent_at is not null;
      elsif tg_op = 'DELETE' then
        insert into dashboard_quality_changes (month, day)
        select distinct dashboard_month(o.sent_at), dashboard_day(o.sent_at) from old_rows o where o.kind = 'answer' and o.sent_at is not null;
      else
        insert into dashboard_quality_changes (month, day)
        select distinct dashboard_month(v.at), dashboard_day(v.at) from new_rows n join old_rows o on o.id = n.id,
          lateral (values (case when n.kind = 'answer' then n.sent_at end), (case when o.kind = 'answer' then o.sent_at end)) v(at)
        where v.at is not null and (n.kind, n.sent_at, n.agency_id) is distinct from (o.kind, o.sent_at, o.agency_id);
      end if;
      return null;
    end $$`.execute(db);

  // The months whose days are kept (src/dashboard/metrics/summaries.ts, DAY_MONTHS): the worker builds their days.
  const since = sql`(date_trunc('month', now() at time zone 'Asia/Jakarta') - interval '2 months') at time zone 'Asia/Jakarta'`;
  await sql`insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from reports where submitted_at >= ${since}`.execute(db);
  await sql`
    insert into dashboard_quality_changes (month)
    select distinct dashboard_month(sent_at) from messages where kind = 'answer' and sent_at is not null and sent_at >= ${since}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function dashboard_reports_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from new_rows;
      elsif tg_op = 'DELETE' then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from old_rows;
      else
        insert into dashboard_changes (month)
        select distinct m from new_rows n join old_rows o on o.id = n.id,
          lateral (values (dashboard_month(n.submitted_at)), (dashboard_month(o.submitted_at))) v(m)
        where (n.submitted_at, n.status, n.assigned_agency_id, n.category_id, n.region_code, n.channel, n.rating)
          is distinct from (o.submitted_at, o.status, o.assigned_agency_id, o.category_id, o.region_code, o.channel, o.rating);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function dashboard_durations_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into dashboard_changes (month) select distinct dashboard_month(submitted_at) from old_rows;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function dashboard_quality_mark_reports(report_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month)
      select distinct dashboard_month(m.sent_at) from messages m
      where m.report_id = any(report_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);
  await sql`
    create or replace function dashboard_quality_mark_messages(message_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month)
      select distinct dashboard_month(m.sent_at) from messages m
      where m.id = any(message_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);
  await sql`
    create or replace function dashboard_quality_messages_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into dashboard_quality_changes (month)
        select distinct dashboard_month(n.sent_at) from new_rows n where n.kind = 'answer' and n.sent_at is not null;
      elsif tg_op = 'DELETE' then
        insert into dashboard_quality_changes (month)
        select distinct dashboard_month(o.sent_at) from old_rows o where o.kind = 'answer' and o.sent_at is not null;
      else
        insert into dashboard_quality_changes (month)
        select distinct v.m from new_rows n join old_rows o on o.id = n.id,
          lateral (values (case when n.kind = 'answer' then dashboard_month(n.sent_at) end), (case when o.kind = 'answer' then dashboard_month(o.sent_at) end)) v(m)
        where v.m is not null and (n.kind, n.sent_at, n.agency_id) is distinct from (o.kind, o.sent_at, o.agency_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop function if exists dashboard_day(timestamptz)`.execute(db);
  for (const table of ['dashboard_changes', 'dashboard_quality_changes']) {
    await sql.raw(`drop index if exists ${table}_whole_month_idx`).execute(db);
    await sql.raw(`drop index if exists ${table}_day_idx`).execute(db);
    await sql.raw(`alter table ${table} drop column if exists day`).execute(db);
  }
  await sql`delete from dashboard_quality_counts where span = 'day'`.execute(db);
  await sql`delete from dashboard_quality_months where span = 'day'`.execute(db);
  await sql`alter table dashboard_quality_counts drop constraint dashboard_quality_counts_pkey`.execute(db);
  await sql`alter table dashboard_quality_counts drop column span, add primary key (month, key)`.execute(db);
  await sql`alter table dashboard_quality_months drop constraint dashboard_quality_months_pkey`.execute(db);
  await sql`alter table dashboard_quality_months drop column span, add primary key (month)`.execute(db);
  for (const table of SPAN_TABLES) {
    await sql.raw(`delete from ${table} where span = 'day'`).execute(db);
    await sql.raw(`alter table ${table} drop constraint ${table}_span_check, add constraint ${table}_span_check check (span in ('month', 'year'))`).execute(db);
  }
}
