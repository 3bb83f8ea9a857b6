import { type Kysely, sql } from 'kysely';

/**
 * Every mail the intake mailbox delivered, once: its key (the Message-ID, or a hash of
 * the bytes when it has none) is unique, and the row is written in the same transaction
 * as the report or message it made. A mail fetched again after a crash finds its row and
 * is only moved out of the inbox, so it is processed exactly once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table inbound_mails (
      id           bigint generated always as identity primary key,
      dedupe_key   text not null unique,
      message_id   text,
      from_address text,
      subject      text,
      outcome      text not null check (outcome in
                     ('report', 'reply', 'note', 'bounce', 'auto_reply', 'own', 'limited', 'duplicate', 'unreadable')),
      report_id    bigint references reports(id) on delete set null,
      -- The whole text as received, for staff when the cut of quoted history was wrong.
      full_text    text,
      detail       text,
      received_at  timestamptz not null default now()
    )`.execute(db);
  // The per-sender flood limit counts a sender's recent mails.
  await sql`create index inbound_mails_sender_idx on inbound_mails (from_address, received_at)`.execute(db);
  await sql`create index inbound_mails_report_idx on inbound_mails (report_id) where report_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists inbound_mails`.execute(db);
}
