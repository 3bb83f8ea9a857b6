import { type Kysely, sql } from 'kysely';

/**
 * The audit log (issue 11, item 5): who did what, when and from where; every staff action
 * and every view of a reporter's identity. Written by src/audit/record.ts in the same
 * transaction as the action it describes.
 *
 * Append-only, enforced by the database itself: triggers refuse UPDATE, DELETE and
 * TRUNCATE, whoever asks (the app, a console session, a migration). Plain triggers and
 * PL/pgSQL, so PGlite and a PostgreSQL server behave the same.
 *
 * No foreign keys on purpose: the log outlives the rows it names (a user erased, a report
 * removed by a retention rule), and ON DELETE SET NULL would be an UPDATE the log refuses.
 * The report's tracking code and the actor's name are copied in for the same reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_log (
      id             bigint generated always as identity primary key,
      at             timestamptz not null default clock_timestamp(),
      -- Null for the system and for anonymous callers (a failed login).
      actor_user_id  integer,
      actor_name     text check (char_length(actor_name) <= 200),
      actor_role     text not null check (actor_role in
                       ('admin', 'coordinator', 'agency_staff', 'agency_head', 'leader', 'system', 'anonymous')),
      action         text not null check (action ~ '^[a-z][a-z0-9_.]{0,63}$'),
      report_id      bigint,
      report_code    text check (char_length(report_code) <= 32),
      -- Anything else the entry is about: a user, a template, an API token, a setting...
      target_type    text check (char_length(target_type) <= 40),
      target_id      text check (char_length(target_id) <= 100),
      ip             text check (char_length(ip) <= 64),
      user_agent     text check (char_length(user_agent) <= 300),
      details        jsonb not null default '{}'::jsonb check (octet_length(details::text) <= 16384)
    )`.execute(db);
  // The admin page reads newest first, whole or narrowed to one actor, report or action.
  await sql`create index audit_log_at_idx on audit_log (at desc, id desc)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_user_id, id desc)`.execute(db);
  await sql`create index audit_log_report_idx on audit_log (report_code, id desc) where report_code is not null`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action, id desc)`.execute(db);
  // A mail list's view names several reports in details.reports: found by report too.
  await sql`create index audit_log_reports_idx on audit_log using gin ((details -> 'reports'))`.execute(db);

  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = '42501', hint = 'Audit entries are never changed or removed.';
    end
    $$`.execute(db);
  // Statement triggers: they fire even when no row matches, and TRUNCATE has no rows.
  await sql`
    create trigger audit_log_append_only
      before update or delete or truncate on audit_log
      for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists audit_log`.execute(db);
  await sql`drop function if exists audit_log_refuse_change()`.execute(db);
}
