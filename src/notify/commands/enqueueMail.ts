import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type MailToSend, outboxRow } from '../outbox.js';

/**
 * Queues a mail in the outbox. Call it with the transaction of the change that causes
 * the mail (a report forwarded, an answer approved): the mail exists exactly when the
 * change committed, and the worker sends it after commit. Never waits on SMTP.
 *
 * Returns the outbox id, or undefined when a mail with the same dedupeKey was queued
 * before (nothing is written then).
 */
export async function enqueueMail(db: Kysely<DB>, mail: MailToSend): Promise<number | undefined> {
  const row = await db
    .insertInto('outbox')
    .values(outboxRow(mail))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row && mail.attachments?.length) {
    await db
      .insertInto('outbox_attachments')
      .values(mail.attachments.map((a) => ({ outbox_id: row.id, letter_id: a.letterId ?? null, attachment_id: a.attachmentId ?? null, filename: a.filename })))
      .execute();
  }
  return row?.id;
}
