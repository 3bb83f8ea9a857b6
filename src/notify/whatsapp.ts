import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * WhatsApp messages out (issue 23, "Notifications out"): the number and the window here,
 * the queuing in commands/queueWhatsApp.ts, the sending in whatsappSend.ts. They live in
 * notify/, beside the mail outbox, because the citizen's notifications are queued from
 * every capability (intake, triage, answers, tracking) and notify/ is the floor they all
 * may use; the whatsapp/ capability re-exports queueWhatsApp as
 * src/whatsapp/outbound/queue.ts (the contract between the WhatsApp helpers).
 *
 * Meta's rule: free text ("session" messages) only within 24 hours of the citizen's last
 * message to us (the customer service window); outside it only an approved template. So
 * a message is queued with its text and, when one fits, the status template's parameters;
 * the sender (notify/whatsappSend.ts) decides again when it leaves, since the window may
 * close while a message waits for a retry.
 */

/** The customer service window, in hours (Meta's, not a setting). */
export const WINDOW_HOURS = 24;
const E164_DIGITS = /^[1-9]\d{6,14}$/;

/** '+6281234567890' (the form reports keep) as Meta takes it: 6281234567890; null when not a number. */
export function waNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s().-]/g, '').replace(/^\+/, '');
  return E164_DIGITS.test(digits) ? digits : null;
}

export interface WhatsAppContactState {
  optedOut: boolean;
  /** The citizen wrote to us within the last 24 hours. */
  inWindow: boolean;
}

/**
 * The number's state in whatsapp_contacts (the inbound side's table, migration 0030). A
 * number that never wrote to us is outside the window and not opted out. Raw SQL: the
 * table belongs to the inbound side.
 */
export async function contactState(db: Kysely<DB>, to: string): Promise<WhatsAppContactState> {
  const { rows } = await sql<{ opted_out: boolean; in_window: boolean }>`
    select opted_out_at is not null as opted_out,
           coalesce(last_inbound_at > now() - ${`${WINDOW_HOURS} hours`}::interval, false) as in_window
      from whatsapp_contacts where phone = ${to}`.execute(db);
  const row = rows[0];
  return { optedOut: row?.opted_out ?? false, inWindow: row?.in_window ?? false };
}
