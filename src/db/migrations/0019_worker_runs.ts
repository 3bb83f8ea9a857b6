import { type Kysely, sql } from 'kysely';

/**
 * The last run of each background worker (the deadline sweeper first), one row per worker,
 * written by the worker at the end of every pass whichever process ran it: the admin's
 * health page (/admin/kesehatan) says when it last ran, whether that run failed, and
 * whether it is late. A row per worker, overwritten: a history belongs in the logs.
 *
 * And the mails the intake could not read, found without reading every mail ever received.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table worker_runs (
      worker       text primary key check (worker ~ '^[a-z_]{1,40}$'),
      started_at   timestamptz not null,
      finished_at  timestamptz not null,
      ok           boolean not null,
      -- The last failure's message (bounded); kept after later successes, with its time.
      error        text check (char_length(error) <= 500),
      failed_at    timestamptz,
      -- When a pass last succeeded: a worker that fails every time is late too.
      ok_at        timestamptz,
      result       jsonb not null default '{}'::jsonb check (octet_length(result::text) <= 2000)
    )`.execute(db);
  await sql`create index inbound_mails_unreadable_idx on inbound_mails (received_at) where outcome = 'unreadable'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists inbound_mails_unreadable_idx`.execute(db);
  await sql`drop table if exists worker_runs`.execute(db);
}
