import { type Kysely, sql } from 'kysely';

/**
 * Answers kept for repeats of a report sent with an idempotency key (issue 24, src/idempotency/):
 * a citizen's phone that lost the answer to "Kirim laporan" sends the same request again and
 * gets the first answer (with the tracking secret) instead of a second report.
 *
 * The row must be useless to anyone without the key, since the answer holds the secret:
 * - lookup_hash: HKDF-SHA256 of the key (never the key), so the key cannot be read back and
 *   the row cannot be found from anything stored here;
 * - fingerprint: an HMAC of the request under another key derived from it (a key reused for
 *   a different report is told apart, without the report's content in readable form);
 * - sealed_answer: the first answer, AES-256-GCM under a third derived key.
 * report_id cascades: a deleted report takes its kept answer with it; erasure deletes it
 * too (privacy/commands/erase.ts), and expired rows are purged with the retention run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table idempotent_answers (
      lookup_hash    bytea primary key check (octet_length(lookup_hash) = 32),
      scope          text not null check (scope in ('api_report', 'web_report')),
      fingerprint    bytea not null check (octet_length(fingerprint) = 32),
      sealed_answer  bytea not null check (octet_length(sealed_answer) <= 65536),
      report_id      bigint not null references reports(id) on delete cascade,
      created_at     timestamptz not null default now(),
      expires_at     timestamptz not null,
      check (expires_at > created_at)
    )`.execute(db);
  await sql`create index idempotent_answers_expires_at on idempotent_answers (expires_at)`.execute(db);
  await sql`create index idempotent_answers_report_id on idempotent_answers (report_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists idempotent_answers`.execute(db);
}
