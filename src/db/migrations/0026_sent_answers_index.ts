import { type Kysely, sql } from 'kysely';

/**
 * The answers sent in a period, for the dashboard's answer quality per OPD (issue 21, item
 * 7): read from this index in order of sending, so the cost grows with the answers of the
 * period, not with every message ever written. Carries the report and the answering OPD, so
 * counting per OPD reads no message row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index messages_sent_answers_idx on messages (sent_at)
      include (report_id, agency_id)
      where kind = 'answer' and sent_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists messages_sent_answers_idx`.execute(db);
}
