import { type Kysely, sql } from 'kysely';

/**
 * WhatsApp out (issue 23): the outbox that sends mail also sends WhatsApp messages, with
 * the same claim, retries and "never twice" (src/notify/worker.ts). One row is one Graph
 * message: its wamid is kept (provider_message_id) so the webhook's statuses find it, and
 * the furthest status reached (delivery_status) is shown at /admin/outbox.
 *
 * - outbox.channel gains 'whatsapp'; such a row's to_address is the number in E.164
 *   digits without '+' (6281234567890), as Meta's API takes it.
 * - outbox.transport gains 'whatsapp' (sent through the Graph API).
 * - wa_payload: the approved template to fall back on outside the 24-hour window
 *   ({name, language, params}); null: free text only (inside the window).
 * - reports.notify_whatsapp: the citizen asked for WhatsApp as well as e-mail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop constraint if exists outbox_channel_check`.execute(db);
  await sql`alter table outbox add constraint outbox_channel_check check (channel in ('mail', 'whatsapp'))`.execute(db);
  await sql`alter table outbox drop constraint if exists outbox_transport_check`.execute(db);
  await sql`alter table outbox add constraint outbox_transport_check check (transport in ('smtp', 'dev-outbox', 'whatsapp'))`.execute(db);
  await sql`
    alter table outbox
      add column wa_payload jsonb,
      add column provider_message_id text unique,
      add column delivery_status text check (delivery_status in ('sent', 'delivered', 'read', 'failed')),
      add column delivery_status_at timestamptz,
      add column delivery_error text,
      -- or the marker erasure leaves (privacy/scrub.ts ERASED_ADDRESS), as for a mail
      add constraint outbox_whatsapp_number check (channel <> 'whatsapp' or to_address ~ '^[1-9][0-9]{6,14}$' or to_address = 'dihapus@pengaduan.invalid')`.execute(db);
  await sql`alter table reports add column notify_whatsapp boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reports drop column if exists notify_whatsapp`.execute(db);
  await sql`delete from outbox where channel = 'whatsapp'`.execute(db);
  await sql`
    alter table outbox
      drop constraint if exists outbox_whatsapp_number,
      drop column if exists wa_payload,
      drop column if exists provider_message_id,
      drop column if exists delivery_status,
      drop column if exists delivery_status_at,
      drop column if exists delivery_error`.execute(db);
  await sql`update outbox set transport = 'smtp' where transport = 'whatsapp'`.execute(db);
  await sql`alter table outbox drop constraint if exists outbox_transport_check`.execute(db);
  await sql`alter table outbox add constraint outbox_transport_check check (transport in ('smtp', 'dev-outbox'))`.execute(db);
  await sql`alter table outbox drop constraint if exists outbox_channel_check`.execute(db);
  await sql`alter table outbox add constraint outbox_channel_check check (channel in ('mail'))`.execute(db);
}
