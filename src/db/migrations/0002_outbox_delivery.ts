import { type Kysely, sql } from 'kysely';

/**
 * What the outbox sender records about a delivery, and the indexes of its admin pages.
 * `transport` tells a mail handed to an SMTP server from one kept in the development
 * outbox (no SMTP_URL); `message_id` is the Message-ID the server accepted, which replies
 * quote in In-Reply-To, so incoming mail can find the report it answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table outbox
      add column transport  text check (transport in ('smtp', 'dev-outbox')),
      add column message_id text;
    -- Admin list: newest first, all or one status.
    create index outbox_status_id_idx on outbox (status, id desc);
    -- Recipient search with ilike '%...%'.
    create index outbox_to_trgm_idx on outbox using gin (to_address gin_trgm_ops);
    -- Sends interrupted by a crash are found by their expired lock.
    create index outbox_sending_idx on outbox (locked_until) where status = 'sending';
    -- A reply's In-Reply-To finds the mail (and its report) it answers.
    create index outbox_message_id_idx on outbox (message_id) where message_id is not null;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop index if exists outbox_message_id_idx, outbox_sending_idx, outbox_to_trgm_idx, outbox_status_id_idx;
    alter table outbox drop column if exists message_id, drop column if exists transport;
  `).execute(db);
}
