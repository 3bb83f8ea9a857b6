import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, InboundOutcome } from '../../db/schema.js';
import type { SkippedAttachment } from '../attachments.js';
import type { InboundMail } from '../parse.js';

/**
 * The row in inbound_mails that says a mail was done. Its dedupe_key (the Message-ID,
 * or a hash of the bytes) is unique: a mail has one row, written in the same transaction
 * as whatever the mail made, so a mail whose row exists is done, whatever happened to
 * the process afterwards.
 */
export interface MailKey {
  dedupeKey: string;
  mail: InboundMail;
  /** contentHash() of the raw mail: tells a different mail with a known Message-ID from the same mail again. */
  contentHash?: string | null;
}

export interface InboundRecord {
  outcome: InboundOutcome;
  reportId?: number | null;
  detail?: string | null;
  /** The parts not kept as attachments; the mail's own list when left out. */
  skipped?: readonly SkippedAttachment[];
}

function inboundRow(b: MailKey & InboundRecord) {
  return {
    dedupe_key: b.dedupeKey,
    message_id: b.mail.messageId,
    from_address: b.mail.from?.address ?? null,
    subject: b.mail.subject.slice(0, 500),
    outcome: b.outcome,
    report_id: b.reportId ?? null,
    full_text: b.mail.fullText,
    detail: b.detail ?? null,
    content_hash: b.contentHash ?? null,
    skipped_parts: skippedParts(b.skipped ?? b.mail.skipped),
  };
}

function skippedParts(skipped: readonly SkippedAttachment[]): string | null {
  return skipped.length ? JSON.stringify(skipped.slice(0, 50)) : null;
}

/**
 * The row, inside the transaction of what the mail made (a report, a message, a note):
 * both commit or neither. A second reader that got here first makes this a unique
 * violation, which rolls the whole transaction back.
 */
export async function insertInbound(trx: Kysely<DB>, b: MailKey & InboundRecord): Promise<void> {
  await trx.insertInto('inbound_mails').values(inboundRow(b)).execute();
}

/**
 * The row alone, for a mail that makes nothing else (its own, an auto-reply, a flood, a
 * duplicate, an unreadable one: `mail` is left out when it could not be parsed). A row
 * already there (another reader recorded it) stays as it was.
 */
export async function recordMailOnly(db: Db, b: { dedupeKey: string; mail?: InboundMail; contentHash?: string | null } & InboundRecord): Promise<void> {
  const values = b.mail
    ? inboundRow({ ...b, mail: b.mail })
    : { dedupe_key: b.dedupeKey, outcome: b.outcome, report_id: b.reportId ?? null, detail: b.detail ?? null, content_hash: b.contentHash ?? null };
  await db.insertInto('inbound_mails').values(values).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
}

/**
 * A mail too big to take (its size is over every limit the form has), recorded by its
 * envelope alone, unread, as unreadable.
 */
export async function recordTooLargeMail(
  db: Db,
  m: { messageId: string | null; from: string | null; subject: string; size: number; key: string },
): Promise<void> {
  const messageId = m.messageId?.replace(/^<|>$/g, '') ?? null;
  await db
    .insertInto('inbound_mails')
    .values({
      dedupe_key: messageId ? `mid:${messageId}` : m.key,
      message_id: messageId,
      from_address: m.from?.toLowerCase() ?? null,
      subject: m.subject.slice(0, 500),
      outcome: 'unreadable',
      detail: `too large: ${m.size} bytes`,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
