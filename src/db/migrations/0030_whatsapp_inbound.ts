import { type Kysely, sql } from 'kysely';

/**
 * WhatsApp in (issue 23, src/whatsapp/): reports by WhatsApp through Meta's Cloud API.
 * - whatsapp_inbox: each verified webhook delivery as Meta sent it, stored before we answer
 *   200 and drained by a worker; a delivery stays until its messages are done.
 * - whatsapp_messages_seen: every inbound message id (wamid), written in the same
 *   transaction as what the message made, so Meta's retries and duplicates change nothing.
 * - whatsapp_contacts: one row per number (E.164 digits without '+'): when it last wrote
 *   (the 24-hour window the outbound side reads) and whether it asked for no more messages.
 * - whatsapp_drafts: a new report being written over several messages (text, photos,
 *   location), at most one per number, submitted when the number stops writing or sends KIRIM.
 * - reports.channel gains 'whatsapp'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reports drop constraint if exists reports_channel_check`.execute(db);
  await sql`
    alter table reports add constraint reports_channel_check
      check (channel in ('web', 'email', 'api', 'open311', 'staff', 'whatsapp'))`.execute(db);
  await sql`
    create table whatsapp_inbox (
      id            bigint generated always as identity primary key,
      received_at   timestamptz not null default now(),
      payload       jsonb not null,
      processed_at  timestamptz,
      locked_until  timestamptz,
      attempts      integer not null default 0,
      last_error    text check (char_length(last_error) <= 1000)
    )`.execute(db);
  await sql`create index whatsapp_inbox_pending on whatsapp_inbox (id) where processed_at is null`.execute(db);
  await sql`
    create table whatsapp_contacts (
      phone            text primary key check (phone ~ '^[1-9][0-9]{6,14}$'),
      profile_name     text check (char_length(profile_name) <= 200),
      last_inbound_at  timestamptz,
      opted_out_at     timestamptz,
      created_at       timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table whatsapp_messages_seen (
      wamid       text primary key check (char_length(wamid) between 1 and 200),
      phone       text not null,
      outcome     text not null check (outcome in ('draft', 'report', 'info', 'command', 'ask', 'refused', 'ignored', 'duplicate')),
      report_id   bigint references reports(id) on delete set null,
      seen_at     timestamptz not null default now()
    )`.execute(db);
  await sql`create index whatsapp_messages_seen_report on whatsapp_messages_seen (report_id) where report_id is not null`.execute(db);
  await sql`
    create table whatsapp_drafts (
      id               bigint generated always as identity primary key,
      phone            text not null unique references whatsapp_contacts(phone) on delete cascade,
      profile_name     text,
      -- [{id, at, text}]: kept apart and ordered by the time the citizen sent them, not the order they came.
      texts            jsonb not null default '[]',
      -- [{id, at, mediaId, kind, mime, filename}]
      media            jsonb not null default '[]',
      latitude         double precision,
      longitude        double precision,
      place            text check (char_length(place) <= 400),
      -- The citizen asked for it (BARU): a draft even with open reports.
      started_by_command boolean not null default false,
      submit_now       boolean not null default false,
      -- Too short to submit when its window passed; the citizen was asked for more. Waits for their next message.
      held_at          timestamptz,
      started_at       timestamptz not null default now(),
      last_message_at  timestamptz not null default now()
    )`.execute(db);
  await sql`create index whatsapp_drafts_due on whatsapp_drafts (last_message_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists whatsapp_drafts`.execute(db);
  await sql`drop table if exists whatsapp_messages_seen`.execute(db);
  await sql`drop table if exists whatsapp_contacts`.execute(db);
  await sql`drop table if exists whatsapp_inbox`.execute(db);
  await sql`alter table reports drop constraint if exists reports_channel_check`.execute(db);
  await sql`
    alter table reports add constraint reports_channel_check
      check (channel in ('web', 'email', 'api', 'open311', 'staff'))`.execute(db);
}
