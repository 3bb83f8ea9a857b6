import { type Kysely, sql } from 'kysely';

/**
 * "Kirim ulang tautan" (issue 20, item 7): a citizen who lost the secret has a new one sent
 * to the contact on file. The new secret waits here, as a hash, until it is first used; it
 * then replaces the report's secret. So a stranger who asks for a new link locks nobody out:
 * the old secret keeps working until the mailbox's owner opens the new link. Rows are also
 * what the per-report limit counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table tracking_resends (
      id           bigint generated always as identity primary key,
      report_id    bigint not null references reports (id) on delete cascade,
      secret_hash  text not null check (secret_hash ~ '^[0-9a-f]{64}$'),
      created_at   timestamptz not null default now(),
      expires_at   timestamptz not null,
      check (expires_at > created_at)
    )`.execute(db);
  await sql`create index tracking_resends_report_idx on tracking_resends (report_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists tracking_resends`.execute(db);
}
