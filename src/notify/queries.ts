import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { OutboxFilter } from './schema.js';

export const PAGE_SIZE = 25;

/**
 * One page of the outbox, newest first. No total count: the outbox only grows, and
 * counting it on every page view would cost more as years pass; one row more than a
 * page tells whether a next page exists.
 */
export async function listOutbox(db: Db, filter: OutboxFilter) {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'channel', 'report_id', 'to_address', 'subject', 'status', 'transport', 'attempts', 'last_error', 'created_at', 'sent_at', 'delivery_status', 'delivery_error']);
  if (filter.q) query = query.where('to_address', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.status === 'dev') {
    query = query.where('status', '=', 'sent').where('transport', '=', 'dev-outbox');
  } else if (filter.status === 'sent') {
    query = query.where('status', '=', 'sent').where(sql<boolean>`transport is distinct from 'dev-outbox'`);
  } else if (filter.status) {
    query = query.where('status', '=', filter.status);
  }
  const rows = await query
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

export type OutboxListRow = Awaited<ReturnType<typeof listOutbox>>['rows'][number];

export function findMail(db: Db, id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export type OutboxMail = NonNullable<Awaited<ReturnType<typeof findMail>>>;

/** The names of the files a mail carries (outbox_attachments), for the admin's page. */
export async function mailAttachmentNames(db: Db, outboxId: number): Promise<string[]> {
  const rows = await db.selectFrom('outbox_attachments').select('filename').where('outbox_id', '=', outboxId).orderBy('id').execute();
  return rows.map((r) => r.filename);
}
