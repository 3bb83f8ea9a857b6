import type { Db } from '../../../db/database.js';
import { deliveryStored } from '../inbox.js';

/** Stores a verified delivery as Meta sent it and wakes this process's worker. */
export async function storeDelivery(db: Db, payload: unknown): Promise<number> {
  const row = await db.insertInto('whatsapp_inbox').values({ payload: JSON.stringify(payload) }).returning('id').executeTakeFirstOrThrow();
  deliveryStored(row.id);
  return row.id;
}
