import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.js';

/**
 * The worker's hold on deliveries: claimed for a lease (FOR UPDATE SKIP LOCKED, so several
 * processes drain the inbox side by side), then marked done, or left for a later try with
 * a growing pause. A process that dies holding a delivery loses it when the lease ends,
 * and the next claim processes it again; its messages already taken are skipped.
 */
export const LEASE_SECONDS = 120;
const ERROR_MAX_CHARS = 1000;

export async function claimDeliveries(db: Kysely<DB>, limit: number): Promise<{ id: number; payload: unknown }[]> {
  const rows = await db
    .updateTable('whatsapp_inbox')
    .set({ locked_until: sql`now() + ${`${LEASE_SECONDS} seconds`}::interval`, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('whatsapp_inbox')
        .select('id')
        .where('processed_at', 'is', null)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'payload'])
    .execute();
  // RETURNING keeps no order: a number's messages are handled in the order they came.
  return rows.sort((a, b) => a.id - b.id);
}

export async function finishDelivery(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('whatsapp_inbox').set({ processed_at: sql`now()`, locked_until: null, last_error: null }).where('id', '=', id).execute();
}

/** A failed try: again after 1, 2, 4 ... minutes, never more than an hour apart. */
export async function failDelivery(db: Kysely<DB>, id: number, error: string): Promise<void> {
  await db
    .updateTable('whatsapp_inbox')
    .set({
      last_error: error.slice(0, ERROR_MAX_CHARS),
      locked_until: sql`now() + least(60, power(2, greatest(attempts - 1, 0))) * interval '1 minute'`,
    })
    .where('id', '=', id)
    .execute();
}

/** Gives the lease back (the worker is stopping before it began this delivery). */
export async function releaseDelivery(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('whatsapp_inbox').set({ locked_until: null, attempts: sql`greatest(attempts - 1, 0)` }).where('id', '=', id).execute();
}

/**
 * Deliveries done a week ago: their content lives on in the reports and messages they
 * made; the raw payloads (names, numbers, texts) are not kept longer than needed.
 */
export const KEEP_PROCESSED_DAYS = 7;

export async function purgeProcessed(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('whatsapp_inbox')
    .where('processed_at', '<', sql<Date>`now() - ${`${KEEP_PROCESSED_DAYS} days`}::interval`)
    .execute();
}
