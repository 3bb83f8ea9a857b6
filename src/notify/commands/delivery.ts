import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OutboxTransport } from '../../db/schema.js';

/**
 * The outbox's state as the sender moves it (worker.ts): pending -> sending -> sent, back
 * to pending for a retry, or failed. Every move out of `sending` checks that the row is
 * still `sending`, so two processes can never both record one mail.
 */

/** Stored as last_error of interrupted sends; the admin pages show it translated. */
export const INTERRUPTED_ERROR =
  'interrupted: the sender stopped between claiming and recording this mail; it may or may not have been delivered.';

/** Rows left in `sending` past their lock (a process died mid-send) become `failed`; returns their ids. */
export async function failInterruptedSends(db: Db): Promise<number[]> {
  const rows = await db
    .updateTable('outbox')
    // It may have left: its tracking secret goes (notify/secrets.ts).
    .set({ status: 'failed', locked_until: null, last_error: INTERRUPTED_ERROR, secret: null })
    .where('status', '=', 'sending')
    .where('locked_until', '<', sql<Date>`now()`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims up to `size` due pending mails in one statement (FOR UPDATE SKIP LOCKED, so any
 * number of processes can run side by side) and marks them `sending` for `lockMs`. The
 * same statement brings what the sender needs of each mail's report (its code signs the
 * Message-ID, its reporter tells the audience, its first mail threads the reply): a
 * statement fewer per batch, and every acknowledgement passes here.
 */
export async function claimBatch(db: Db, size: number, lockMs: number) {
  const rows = await db
    .with('claimed', (qb) =>
      qb
        .updateTable('outbox')
        .set({
          status: 'sending',
          locked_until: sql<Date>`now() + ${`${lockMs / 1000} seconds`}::interval`,
          // Counted when the try starts, so a crash mid-send counts as a try too.
          attempts: sql<number>`attempts + 1`,
        })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'pending')
            .where('available_at', '<=', sql<Date>`now()`)
            .orderBy('available_at')
            .orderBy('id')
            .limit(size)
            .forUpdate()
            .skipLocked(),
        )
        .returning((eb) => [
          'id', 'channel', 'report_id', 'to_address', 'subject', 'text_body', 'html_body', 'headers', 'attempts', 'created_at', 'secret', 'wa_payload',
          // Most mails carry no file: the sender reads outbox_attachments only for those that do
          // (written in the mail's own transaction, so none can come after the claim).
          eb.exists(eb.selectFrom('outbox_attachments as oa').select('oa.id').whereRef('oa.outbox_id', '=', 'outbox.id')).as('has_attachments'),
        ]),
    )
    .selectFrom('claimed')
    .leftJoin('reports as r', 'r.id', 'claimed.report_id')
    .selectAll('claimed')
    .select(['r.tracking_code as report_code', 'r.reporter_email as report_reporter_email', 'r.channel as report_channel', 'r.source_ref as report_source_ref'])
    .orderBy('claimed.id')
    .execute();
  return rows;
}

export type Claimed = Awaited<ReturnType<typeof claimBatch>>[number];

/** Claimed rows whose send never started go back as they were. */
export async function releaseUnstarted(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('outbox')
    .set({ status: 'pending', locked_until: null, attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * The server took the mail; `refusedBy` names addresses it refused, if any. A tracking secret
 * it carried is erased. A WhatsApp message keeps the wamid Meta answered with
 * (`providerMessageId`), which the webhook's statuses find it by.
 */
export async function markSent(
  db: Db,
  id: number,
  sent: { transport: OutboxTransport; messageId: string | null; refusedBy: string | null; providerMessageId?: string | null },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: 'sent',
      sent_at: sql<Date>`now()`,
      locked_until: null,
      transport: sent.transport,
      message_id: sent.messageId,
      last_error: sent.refusedBy,
      secret: null,
      ...(sent.providerMessageId ? { provider_message_id: sent.providerMessageId } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** The send failed: tried again in `retryInMinutes`, or failed for good when null (its tracking secret is then erased). */
export async function markNotSent(db: Db, id: number, failure: { error: string; retryInMinutes: number | null }): Promise<void> {
  const retry = failure.retryInMinutes;
  await db
    .updateTable('outbox')
    .set({
      status: retry === null ? 'failed' : 'pending',
      locked_until: null,
      last_error: failure.error,
      ...(retry === null ? { secret: null } : { available_at: sql<Date>`now() + ${`${retry} minutes`}::interval` }),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}
