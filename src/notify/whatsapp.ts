import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.js';
import type { DB, WhatsAppPayload } from '../db/schema.js';

/**
 * Queuing WhatsApp messages (issue 23, "Notifications out"). It lives in notify/, beside
 * enqueueMail, because the citizen's notifications are queued from every capability
 * (intake, triage, answers, tracking) and notify/ is the floor they all may use; the
 * whatsapp/ capability re-exports it as src/whatsapp/outbound/queue.ts (the contract
 * between the WhatsApp helpers).
 *
 * Meta's rule: free text ("session" messages) only within 24 hours of the citizen's last
 * message to us (the customer service window); outside it only an approved template. So
 * a message is queued with its text and, when one fits, the status template's parameters;
 * the sender (notify/whatsappSend.ts) decides again when it leaves, since the window may
 * close while a message waits for a retry.
 */
export interface WhatsAppOut {
  /** The number in E.164 digits without '+', e.g. 6281234567890. */
  to: string;
  reportId: number | null;
  /** The session message: the text sent inside the 24-hour window. */
  text: string;
  /** The issued letter to send as a document (a second message, inside the window only). */
  document?: { letterId: number; filename: string };
  dedupeKey?: string;
  /**
   * The status template's parameters ({{1}} code, {{2}} status text, {{3}} link): the
   * message outside the window. Without it nothing is sent outside the window.
   */
  template?: { code: string; status: string; link: string };
  /** The tracking secret for the text's and link's slots (notify/secrets.ts), erased once sent. */
  secret?: string;
}

/** The customer service window, in hours (Meta's, not a setting). */
export const WINDOW_HOURS = 24;
const SUBJECT_MAX = 120;
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

function subjectOf(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'WhatsApp';
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
}

/**
 * Queues a message in the outbox in the caller's transaction. Inside the 24-h window: a
 * session (free text) message, and the letter as a second message; outside: the status
 * template when one fits, or nothing; never anything to an opted-out number. Without
 * WhatsApp configured the message is queued all the same, to be read at /admin/outbox
 * (the development outbox), as mails are without SMTP.
 */
export async function queueWhatsApp(trx: Kysely<DB>, config: Config, msg: WhatsAppOut): Promise<void> {
  const to = waNumber(msg.to);
  if (!to) throw new Error('WhatsApp message needs a number in E.164 digits');
  const state = await contactState(trx, to);
  if (state.optedOut) return;
  const wa = config.whatsapp;
  const template: WhatsAppPayload['template'] =
    msg.template && wa?.statusTemplate !== ''
      ? { name: wa?.statusTemplate ?? 'status_laporan', language: wa?.templateLanguage ?? 'id', params: [msg.template.code, msg.template.status, msg.template.link] }
      : null;
  // Configured and outside the window: only a template may go, and a document never.
  const inWindow = !wa || state.inWindow;
  if (!inWindow && !template) return;
  const row = await trx
    .insertInto('outbox')
    .values({
      channel: 'whatsapp',
      to_address: to,
      subject: subjectOf(msg.text),
      text_body: msg.text,
      report_id: msg.reportId,
      dedupe_key: msg.dedupeKey ?? null,
      secret: msg.secret ?? null,
      wa_payload: JSON.stringify({ template } satisfies WhatsAppPayload),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row || !msg.document || !inWindow) return;
  // The letter is its own message (one row, one wamid): a failed document never sends the text twice.
  const doc = await trx
    .insertInto('outbox')
    .values({
      channel: 'whatsapp',
      to_address: to,
      subject: msg.document.filename,
      text_body: msg.document.filename,
      report_id: msg.reportId,
      dedupe_key: msg.dedupeKey ? `${msg.dedupeKey}:document` : null,
      wa_payload: JSON.stringify({ template: null } satisfies WhatsAppPayload),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (doc) await trx.insertInto('outbox_attachments').values({ outbox_id: doc.id, letter_id: msg.document.letterId, attachment_id: null, filename: msg.document.filename }).execute();
}
