import { type Kysely, sql } from 'kysely';

/**
 * The table @socket.io/postgres-adapter uses for messages too large for a NOTIFY (live
 * updates between app processes on one server; see src/live/socket.ts). Its layout is the
 * adapter's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table if not exists socket_io_attachments (
      id         bigserial unique,
      created_at timestamptz default now(),
      payload    bytea
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists socket_io_attachments`.execute(db);
}
