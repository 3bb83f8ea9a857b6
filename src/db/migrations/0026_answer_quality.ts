import { type Kysely, sql } from 'kysely';

/**
 * Answer quality per OPD on the dashboard (issue 21, item 7; src/dashboard/metrics/quality.ts).
 *
 * - messages_sent_answers_idx: the answers sent in a period, in order of sending, so reading
 *   them costs what the period holds, not every message ever written.
 * - dashboard_quality_counts: per month of sending (Asia/Jakarta, dashboard_month of 0014) and
 *   per answering OPD (key: agency id as text, '' for none), the counts of the figures, so a
 *   year is a few hundred rows, not a probe per answer. dashboard_quality_months: the months
 *   built. The same scheme as the report summaries of 0014: a month is read from its summary
 *   only when built and without a row in dashboard_quality_changes, which triggers write in
 *   the changing transaction for every change to a counted fact:
 *   an answer sent (or its OPD changed), a version's checker verdict, a review sending it
 *   back, a citizen's reply or appeal after it, a rating of its report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index messages_sent_answers_idx on messages (sent_at)
      include (report_id, agency_id)
      where kind = 'answer' and sent_at is not null`.execute(db);

  await sql`create table dashboard_quality_months (month date primary key, built_at timestamptz not null default now())`.execute(db);
  await sql`create table dashboard_quality_changes (id bigserial primary key, month date not null)`.execute(db);
  await sql`create index dashboard_quality_changes_month_idx on dashboard_quality_changes (month)`.execute(db);
  await sql`
    create table dashboard_quality_counts (
      month      date not null,
      key        text not null,
      sent       integer not null,
      complete   integer not null,
      incomplete integer not null,
      unchecked  integer not null,
      sent_back  integer not null,
      reopened   integer not null,
      rated      integer not null,
      rating_sum integer not null,
      primary key (month, key)
    )`.execute(db);

  // The months of the sent answers of some reports, or of some answers.
  await sql`
    create function dashboard_quality_mark_reports(report_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month)
      select distinct dashboard_month(m.sent_at) from messages m
      where m.report_id = any(report_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);
  await sql`
    create function dashboard_quality_mark_messages(message_ids bigint[]) returns void language sql as $$
      insert into dashboard_quality_changes (month)
      select distinct dashboard_month(m.sent_at) from messages m
      where m.id = any(message_ids) and m.kind = 'answer' and m.sent_at is not null
    $$`.execute(db);

  // Only the columns a figure reads; the other updates of a message (a draft saved) change nothing.
  await sql`
    create function dashboard_quality_messages_changed() returns trigger language plpgsql as $$
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
  await sql`
    create function dashboard_quality_versions_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        perform dashboard_quality_mark_messages(array(select message_id from new_rows));
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        perform dashboard_quality_mark_messages(array(select message_id from old_rows));
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function dashboard_quality_events_changed() returns trigger language plpgsql as $$
    begin
      perform dashboard_quality_mark_reports(array(select report_id from new_rows where type in ('reopen', 'appeal')));
      return null;
    end $$`.execute(db);
  await sql`
    create function dashboard_quality_ratings_changed() returns trigger language plpgsql as $$
    begin
      perform dashboard_quality_mark_reports(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.rating, n.rated_at) is distinct from (o.rating, o.rated_at)));
      return null;
    end $$`.execute(db);

  const triggers: [string, string, ('insert' | 'update' | 'delete')[]][] = [
    ['messages', 'dashboard_quality_messages_changed', ['insert', 'update', 'delete']],
    ['answer_versions', 'dashboard_quality_versions_changed', ['insert', 'update', 'delete']],
    ['answer_reviews', 'dashboard_quality_versions_changed', ['insert', 'update', 'delete']],
    ['report_events', 'dashboard_quality_events_changed', ['insert']],
    ['reports', 'dashboard_quality_ratings_changed', ['update']],
  ];
  for (const [table, fn, ops] of triggers) {
    for (const op of ops) {
      const tables = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
      await sql.raw(`create trigger ${table}_quality_${op} after ${op} on ${table} referencing ${tables} for each statement execute function ${fn}()`).execute(db);
    }
  }
  // Every month that already has sent answers is built by the first rebuild.
  await sql`
    insert into dashboard_quality_changes (month)
    select distinct dashboard_month(sent_at) from messages where kind = 'answer' and sent_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, ops] of [['messages', ['insert', 'update', 'delete']], ['answer_versions', ['insert', 'update', 'delete']], ['answer_reviews', ['insert', 'update', 'delete']], ['report_events', ['insert']], ['reports', ['update']]] as const) {
    for (const op of ops) await sql.raw(`drop trigger if exists ${table}_quality_${op} on ${table}`).execute(db);
  }
  for (const fn of ['dashboard_quality_messages_changed()', 'dashboard_quality_versions_changed()', 'dashboard_quality_events_changed()', 'dashboard_quality_ratings_changed()', 'dashboard_quality_mark_reports(bigint[])', 'dashboard_quality_mark_messages(bigint[])']) {
    await sql.raw(`drop function if exists ${fn}`).execute(db);
  }
  await sql`drop table if exists dashboard_quality_counts, dashboard_quality_changes, dashboard_quality_months`.execute(db);
  await sql`drop index if exists messages_sent_answers_idx`.execute(db);
}
