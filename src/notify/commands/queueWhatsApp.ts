import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB, WhatsAppPayload } from '../../db/schema.js';
import { contactState, waNumber } from '../whatsapp.js';

/** A WhatsApp message as the module that causes it describes it (src/notify/whatsapp.ts tells the rules). */

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

const SUBJECT_MAX = 120;

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
