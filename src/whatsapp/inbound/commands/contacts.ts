import { type Kysely, sql } from 'kysely';
import type { DB, WhatsAppOutcome } from '../../../db/schema.js';
import type { InboundMessage } from '../parse.js';

/**
 * The number's row: created on its first message; last_inbound_at moves forward only (a
 * late or retried delivery never shortens the 24-hour window the outbound side reads), and
 * never past now (a sender's clock ahead of ours would open a window Meta does not).
 */
export async function touchContact(db: Kysely<DB>, m: Pick<InboundMessage, 'from' | 'name' | 'at'>): Promise<void> {
  const at = sql<Date>`least(to_timestamp(${m.at}), now())`;
  await db
    .insertInto('whatsapp_contacts')
    .values({ phone: m.from, profile_name: m.name, last_inbound_at: at })
    .onConflict((oc) =>
      oc.column('phone').doUpdateSet({
        last_inbound_at: sql`greatest(whatsapp_contacts.last_inbound_at, excluded.last_inbound_at)`,
        profile_name: sql`coalesce(excluded.profile_name, whatsapp_contacts.profile_name)`,
      }),
    )
    .execute();
}

/** Serialises one number's messages within a transaction (two processes, two deliveries). */
export async function lockContact(trx: Kysely<DB>, phone: string): Promise<void> {
  await trx.selectFrom('whatsapp_contacts').select('phone').where('phone', '=', phone).forUpdate().execute();
}

/**
 * A message taken: in the transaction of what it made, so a retried or duplicated delivery
 * finds it and does nothing (the primary key refuses a second one; its transaction rolls back).
 */
export async function recordSeen(trx: Kysely<DB>, m: Pick<InboundMessage, 'id' | 'from'>, outcome: WhatsAppOutcome, reportId: number | null = null): Promise<void> {
  await trx.insertInto('whatsapp_messages_seen').values({ wamid: m.id, phone: m.from, outcome, report_id: reportId }).execute();
}

/** STOP / BERHENTI (optedOut true) and MULAI (false). */
export async function setOptedOut(trx: Kysely<DB>, phone: string, optedOut: boolean): Promise<void> {
  await trx
    .updateTable('whatsapp_contacts')
    .set({ opted_out_at: optedOut ? sql`coalesce(opted_out_at, now())` : null })
    .where('phone', '=', phone)
    .execute();
}

