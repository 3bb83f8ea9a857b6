import { type Kysely, sql } from 'kysely';

/**
 * Request counters of the rate limits (src/web/rateLimitStore.ts), shared by every app
 * process on one database so that N processes behind a load balancer still allow the
 * limit once, not N times. One row per limit and client (`login:203.0.113.9`), counted
 * in a fixed window that ends at reset_at. Unlogged: counters need no crash safety or
 * replicas (a restart of the server forgets them, like a restart of a process did), and
 * a request's count then writes no WAL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limits (
      key       text primary key,
      hits      integer not null,
      reset_at  timestamptz not null
    )`.execute(db);
  // The periodic cleanup deletes windows that ended.
  await sql`create index rate_limits_reset_at_idx on rate_limits (reset_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists rate_limits`.execute(db);
}
