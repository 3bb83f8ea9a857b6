import { sql } from 'kysely';
import { audited } from '../../audit/commands/recordAudit.js';
import type { Db } from '../../db/database.js';
import { hasSecretSlots } from '../secrets.js';

/**
 * An admin sends a failed mail again: it goes back to `pending` with a fresh count of
 * attempts, due now. Only `failed` mails: a pending one is queued already, a sent one
 * went out, and one being sent is the sender's. last_error stays until a try succeeds.
 * Returns 'queued', 'not_failed', 'secret_gone' (it carried a tracking secret, no longer
 * kept), or undefined when there is no such mail.
 */
export async function retryMail(db: Db, id: number): Promise<'queued' | 'not_failed' | 'secret_gone' | undefined> {
  // A mail made for a tracking secret cannot go again once the secret is erased (notify/secrets.ts).
  const stored = await db.selectFrom('outbox').select(['status', 'text_body', 'secret']).where('id', '=', id).executeTakeFirst();
  if (stored?.status === 'failed' && !stored.secret && hasSecretSlots(stored.text_body)) return 'secret_gone';
  const row = await audited(db, (trx) => trx
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, available_at: sql<Date>`now()`, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning(['id', 'report_id'])
    .executeTakeFirst(),
    (r) => (r ? { action: 'mail_retry', target: { type: 'outbox', id }, report: r.report_id ? { id: r.report_id } : null } : null));
  if (row) return 'queued';
  const exists = await db.selectFrom('outbox').select('id').where('id', '=', id).executeTakeFirst();
  return exists ? 'not_failed' : undefined;
}
