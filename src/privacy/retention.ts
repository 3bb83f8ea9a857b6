import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { purgeExpiredAnswers } from '../idempotency/commands/purgeExpired.js';
import type { Logger } from '../logger.js';
import { getSetting } from '../settings/queries.js';
import { eraseClosedReports, eraseInboundMails, eraseOutbox } from './commands/retention.js';

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
 * The erasures themselves are commands (commands/retention.ts); this module reads the
 * periods and runs them on a schedule.
 */
export interface RetentionResult {
  reports: number;
  inboundMails: number;
  outbox: number;
  /** Answers kept for repeats of an idempotency key past their day (src/idempotency): they hold tracking secrets. */
  keptAnswers: number;
}

export async function applyRetention(db: Kysely<DB>, now = new Date()): Promise<RetentionResult> {
  const [reporterMonths, inboundMonths, outboxMonths] = await Promise.all([
    getSetting(db, 'retentionReporterMonths'),
    getSetting(db, 'retentionInboundMailMonths'),
    getSetting(db, 'retentionOutboxMonths'),
  ]);
  const result: RetentionResult = { reports: 0, inboundMails: 0, outbox: 0, keptAnswers: 0 };
  if (reporterMonths > 0) result.reports = await eraseClosedReports(db, monthsBefore(now, reporterMonths));
  if (inboundMonths > 0) result.inboundMails = await eraseInboundMails(db, monthsBefore(now, inboundMonths));
  if (outboxMonths > 0) result.outbox = await eraseOutbox(db, monthsBefore(now, outboxMonths));
  result.keptAnswers = await purgeExpiredAnswers(db);
  return result;
}

export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
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
      if (result.reports + result.inboundMails + result.outbox + result.keptAnswers > 0) logger.info(result, 'personal data past retention erased');
    } catch (err) {
      // Kept: a failed run is logged and the next one tries again; it must not end the process.
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
