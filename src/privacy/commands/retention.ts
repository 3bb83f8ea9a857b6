import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CLOSED_STATUSES } from '../../reports/statuses.js';
import { ERASED_ADDRESS, ERASED_MAIL_TEXT } from '../scrub.js';
import { eraseReporterData } from './erase.js';

/**
 * The erasures of the retention job (retention.ts says which rules and when), each up to
 * its cutoff, batch by batch; each returns how many reports or mails it erased.
 *
 * Safe with several processes: each batch locks its rows with SKIP LOCKED, and a report
 * erased once is never picked again (personal_data_erased_reports).
 */

/**
 * Short transactions, as on the embedded database one holds the only connection: a few
 * reports at a time (each erasure touches several tables), mails by the hundred (one
 * statement each batch).
 */
const REPORT_BATCH = 25;
const MAIL_BATCH = 500;

/** Closed reports' reporter identity and contact, for reports closed before `cutoff`. */
export async function eraseClosedReports(db: Kysely<DB>, cutoff: Date): Promise<number> {
  let total = 0;
  // Walks the closed reports in (closed_at, id) order once per run: what was erased in an
  // earlier batch, or is locked by another process, lies behind the cursor and is not
  // scanned again.
  type Due = { id: number; closed_at: Date | null; reporter_email: string | null };
  let after: { closedAt: Date; id: number } | null = null;
  for (;;) {
    const cursor: { closedAt: Date; id: number } | null = after;
    const due: Due[] = await db.transaction().execute(async (trx): Promise<Due[]> => {
      const rows = await trx
        .selectFrom('reports as r')
        .select(['r.id', 'r.closed_at', 'r.reporter_email'])
        .where('r.closed_at', '<', cutoff)
        .where('r.status', 'in', [...CLOSED_STATUSES])
        .$if(cursor !== null, (q) => q.where(sql<boolean>`(r.closed_at, r.id) > (${cursor!.closedAt}, ${cursor!.id})`))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('personal_data_erased_reports as e').select('e.report_id').whereRef('e.report_id', '=', 'r.id'))))
        .orderBy('r.closed_at')
        .orderBy('r.id')
        .limit(REPORT_BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (!rows.length) return rows;
      // Only the mails of these reports: the same person's mails about a report still
      // open keep their address.
      const emails = [...new Set(rows.map((r) => r.reporter_email?.toLowerCase()).filter((e): e is string => Boolean(e)))];
      await eraseReporterData(trx, { reportIds: rows.map((r) => r.id), emails, mailsOf: 'reports' }, { cause: 'retention', erasedBy: null });
      return rows;
    });
    total += due.length;
    if (due.length < REPORT_BATCH) return total;
    const last: Due = due[due.length - 1]!;
    after = { closedAt: last.closed_at!, id: last.id };
  }
}

/** Inbound mails' sender, subject and raw text, for mails received before `cutoff`. */
export async function eraseInboundMails(db: Kysely<DB>, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql<{ id: number }>`
      update inbound_mails set from_address = null, subject = null, full_text = null, detail = null, skipped_parts = null
      where id in (
        select id from inbound_mails
        where received_at < ${cutoff} and (full_text is not null or from_address is not null)
        order by received_at limit ${MAIL_BATCH} for update skip locked)
      returning id`.execute(db);
    total += result.rows.length;
    if (result.rows.length < MAIL_BATCH) return total;
  }
}

/** Sent or failed outgoing mails' address, text and headers, for mails made before `cutoff`. */
export async function eraseOutbox(db: Kysely<DB>, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql<{ id: number }>`
      update outbox set to_address = ${ERASED_ADDRESS}, text_body = ${ERASED_MAIL_TEXT}, html_body = null, headers = '{}'::jsonb, wa_payload = null
      where id in (
        select id from outbox
        where created_at < ${cutoff} and status in ('sent', 'failed') and to_address <> ${ERASED_ADDRESS}
        order by created_at limit ${MAIL_BATCH} for update skip locked)
      returning id`.execute(db);
    total += result.rows.length;
    if (result.rows.length < MAIL_BATCH) return total;
  }
}
