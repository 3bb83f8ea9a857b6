import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** A status update from Meta's webhook (entry[].changes[].value.statuses[]), as Meta sends it. */
export interface WhatsAppStatus {
  /** The wamid our send was answered with. */
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Unix seconds, as a string. */
  timestamp: string;
  recipient_id: string;
  errors?: { code: number; title: string }[];
}

// Meta does not promise order: a 'read' may arrive before its 'delivered'. Each status has
// a rank and only a higher one is recorded; failed is final.
const RANK_SQL = sql<number>`case delivery_status when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'failed' then 4 else 0 end`;
const RANK: Record<WhatsAppStatus['status'], number> = { sent: 1, delivered: 2, read: 3, failed: 4 };
const ERROR_MAX_CHARS = 300;

/**
 * Records a delivery status from the webhook on the outbox row with that provider id;
 * older statuses never overwrite newer ones (sent < delivered < read; failed is final),
 * unknown ids are ignored.
 */
export async function applyStatus(trx: Kysely<DB>, status: WhatsAppStatus): Promise<void> {
  const rank = RANK[status.status];
  if (!rank || typeof status.id !== 'string' || !status.id) return;
  const seconds = Number(status.timestamp);
  const at = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
  const error = status.status === 'failed' ? describeErrors(status.errors) : null;
  await trx
    .updateTable('outbox')
    .set({ delivery_status: status.status, delivery_status_at: at, delivery_error: error })
    .where('channel', '=', 'whatsapp')
    .where('provider_message_id', '=', status.id)
    .where(RANK_SQL, '<', rank)
    .execute();
}

/** Meta's error of a failed delivery, '(#131026) Message undeliverable', for /admin/outbox. */
function describeErrors(errors: WhatsAppStatus['errors']): string {
  const text = (errors ?? [])
    .filter((e) => e && (typeof e.code === 'number' || typeof e.title === 'string'))
    .map((e) => `(#${e.code}) ${String(e.title ?? '').replace(/\s+/g, ' ').trim()}`.trim())
    .join('; ');
  const described = text || 'failed (Meta gave no reason)';
  return described.length > ERROR_MAX_CHARS ? `${described.slice(0, ERROR_MAX_CHARS - 1)}…` : described;
}
