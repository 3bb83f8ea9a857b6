import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { getSetting } from '../settings/store.js';
import { eraseReporterData } from './commands/erase.js';
import { CLOSED_STATUSES } from '../reports/statuses.js';
import { ERASED_ADDRESS, ERASED_MAIL_TEXT } from './scrub.js';

/**
 * The retention periods (settings retention*Months, changed by admins at
 * /admin/data-pribadi) applied to the data: personal data is kept as long as the purpose
 * needs it and no longer (UU 27/2022 art. 16(2)). Three rules:
 *
 *  - a closed report's reporter identity and contact, N months after it closed: the same
 *    erasure an admin does on request, report by report, so an open report of the same
 *    person keeps its contact;
 *  - inbound mails' sender, subject and raw text, M months after they arrived (the
 *    report or message they made stays);
 *  - outgoing mails' address and text, K months after they were sent or failed.
 *
 * Other personal data has nothing to keep: IP addresses are never stored (rate limits
 * count in memory; the request log has paths only), uploaded photos lost their EXIF at
 * upload, and sessions expire and are pruned by the session store.
 *
 * Safe with several processes: each batch locks its rows with SKIP LOCKED, and a report
 * erased once is never picked again (personal_data_erased_reports).
 */
export interface RetentionResult {
  reports: number;
  inboundMails: number;
  outbox: number;
}

/**
 * Short transactions, as on the embedded database one holds the only connection: a few
 * reports at a time (each erasure touches several tables), mails by the hundred (one
 * statement each batch).
 */
const REPORT_BATCH = 25;
const MAIL_BATCH = 500;

export async function applyRetention(db: Kysely<DB>, now = new Date()): Promise<RetentionResult> {
  const [reporterMonths, inboundMonths, outboxMonths] = await Promise.all([
    getSetting(db, 'retentionReporterMonths'),
    getSetting(db, 'retentionInboundMailMonths'),
    getSetting(db, 'retentionOutboxMonths'),
  ]);
  const result: RetentionResult = { reports: 0, inboundMails: 0, outbox: 0 };
  if (reporterMonths > 0) result.reports = await eraseClosedReports(db, monthsBefore(now, reporterMonths));
  if (inboundMonths > 0) result.inboundMails = await eraseInboundMails(db, monthsBefore(now, inboundMonths));
  if (outboxMonths > 0) result.outbox = await eraseOutbox(db, monthsBefore(now, outboxMonths));
  return result;
}

export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

async function eraseClosedReports(db: Kysely<DB>, cutoff: Date): Promise<number> {
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

async function eraseInboundMails(db: Kysely<DB>, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql<{ id: number }>`
      update inbound_mails set from_address = null, subject = null, full_text = null, detail = null
      where id in (
        select id from inbound_mails
        where received_at < ${cutoff} and (full_text is not null or from_address is not null)
        order by received_at limit ${MAIL_BATCH} for update skip locked)
      returning id`.execute(db);
    total += result.rows.length;
    if (result.rows.length < MAIL_BATCH) return total;
  }
}

async function eraseOutbox(db: Kysely<DB>, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql<{ id: number }>`
      update outbox set to_address = ${ERASED_ADDRESS}, text_body = ${ERASED_MAIL_TEXT}, html_body = null, headers = '{}'::jsonb
      where id in (
        select id from outbox
        where created_at < ${cutoff} and status in ('sent', 'failed') and to_address <> ${ERASED_ADDRESS}
        order by created_at limit ${MAIL_BATCH} for update skip locked)
      returning id`.execute(db);
    total += result.rows.length;
    if (result.rows.length < MAIL_BATCH) return total;
  }
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Applies retention shortly after start and then every `everyMs` (a day), never two
 * runs at once in this process; the timer does not keep the process alive. Follows
 * scheduleOrphanSweep (attachments/orphans.ts). Returns a function that stops it.
 */
export function scheduleRetention(
  db: Kysely<DB>,
  logger: Pick<Logger, 'info' | 'error'>,
  { everyMs = DAY_MS, firstAfterMs = 60_000 }: { everyMs?: number; firstAfterMs?: number } = {},
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await applyRetention(db);
      if (result.reports + result.inboundMails + result.outbox > 0) logger.info(result, 'personal data past retention erased');
    } catch (err) {
      logger.error({ err }, 'personal data retention failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), firstAfterMs);
  const timer = setInterval(() => void run(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
