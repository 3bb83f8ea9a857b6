import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { InboundFilter } from './schema.js';

/** A page of the mails read from the intake mailbox, newest first, and one more to tell whether a next page exists. */
export function inboundMails(db: Db, filter: InboundFilter, pageSize: number) {
  let q = db
    .selectFrom('inbound_mails as m')
    .leftJoin('reports as r', 'r.id', 'm.report_id')
    .select(['m.id', 'm.from_address', 'm.subject', 'm.outcome', 'm.detail', 'm.received_at', 'r.tracking_code', 'm.report_id']);
  if (filter.outcome) q = q.where('m.outcome', '=', filter.outcome);
  return q.orderBy('m.id', 'desc').limit(pageSize + 1).offset((filter.page - 1) * pageSize).execute();
}

export type InboundMailRow = Awaited<ReturnType<typeof inboundMails>>[number];

/** The record of a mail already done (its row is the proof), or undefined. */
export function processedMail(db: Db, dedupeKey: string) {
  return db.selectFrom('inbound_mails').select(['report_id', 'content_hash']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

/** How many mails from this sender made a report or a message in the last hour. */
export async function mailsInLastHour(db: Db, sender: string): Promise<number> {
  const row = await db
    .selectFrom('inbound_mails')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('from_address', '=', sender)
    .where('outcome', 'in', ['report', 'reply', 'note'])
    .where(sql<boolean>`received_at > now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The active staff account of an address, if any (a staff member's reply becomes their note). */
export function activeUserByEmail(db: Db, address: string) {
  return db
    .selectFrom('users')
    .select(['id', 'agency_id'])
    .where(sql<boolean>`lower(email) = ${address}`)
    .where('active', '=', true)
    .executeTakeFirst();
}
